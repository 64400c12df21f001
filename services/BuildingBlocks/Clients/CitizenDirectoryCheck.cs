using Grpc.Core;
using Microsoft.Extensions.Caching.Hybrid;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Contracts.Grpc.Citizens.V1;

namespace Omnichannel.BuildingBlocks.Clients;

/// <summary>
/// Whether a citizen is registered, for a service about to act for them (a case, a booking): asked of the citizens
/// directory over gRPC and remembered for ten minutes per council once known — citizens are never deleted, so a "yes"
/// does not go stale. An unknown citizen is a 400 naming the field; a directory that cannot answer is
/// <see cref="NeighbourUnavailable"/> (a 503), never taken for "unknown".
/// </summary>
public sealed class CitizenDirectoryCheck(CitizenDirectory.CitizenDirectoryClient directory, HybridCache cache)
{
    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(10);

    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = RememberFor, LocalCacheExpiration = RememberFor };

    /// <summary>Only looks: never calls the directory and never writes.</summary>
    private static readonly HybridCacheEntryOptions LookOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private static string Key(Guid citizenId) => $"citizen:{RequestContext.RequiredTenantId}:{citizenId:N}";

    /// <summary>Known without any round trip (completes synchronously).</summary>
    public ValueTask<bool> RememberedAsync(Guid citizenId, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(Key(citizenId), static _ => ValueTask.FromResult(false), LookOnly, cancellationToken: ct);

    /// <summary>Known from elsewhere (e.g. a registration this service consumed): no need to ask again.</summary>
    public ValueTask RememberAsync(Guid citizenId, CancellationToken ct = default) =>
        cache.SetAsync(Key(citizenId), true, Entry, cancellationToken: ct);

    /// <summary>Returns when the citizen is registered; else throws a 400 naming <paramref name="field"/>.</summary>
    public async Task EnsureExistsAsync(Guid citizenId, CancellationToken ct, string field = "citizenId")
    {
        var tenant = RequestContext.TenantId;
        var correlation = RequestContext.CorrelationId;
        try
        {
            await cache.GetOrCreateAsync(Key(citizenId), (directory, citizenId, tenant, correlation), static async (s, ct) =>
            {
                using var _ = RequestContext.Begin(s.tenant, s.correlation);
                await s.directory.GetCitizenAsync(new GetCitizenRequest { CitizenId = s.citizenId.ToString() }, cancellationToken: ct);
                return true;
            }, Entry, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw Rejection.Invalid(field, "No citizen is registered with this id.");
        }
        catch (Exception e) when (NeighbourUnavailable.IsOutage(e, ct))
        {
            throw new NeighbourUnavailable("citizens", e);
        }
    }
}
