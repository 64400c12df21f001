using System.ComponentModel;
using Grpc.Core;
using Microsoft.Extensions.Caching.Hybrid;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Procedures.V1;
using LocalizedText = Omnichannel.Contracts.LocalizedText;

namespace Omnichannel.BuildingBlocks.Clients;

/// <summary>What the other services need of a procedure in the catalogue: its name (history lines, calendars), its
/// average attention time (slot length, queue line) and whether it is withdrawn.</summary>
[ImmutableObject(true)]
public sealed record CataloguedProcedure(string Code, LocalizedText Name, int AverageAttentionMinutes, bool Withdrawn);

/// <summary>
/// The procedures catalogue as every other service asks it: over gRPC, cached for a minute per council (a flash crowd
/// or a burst of history events costs one call per procedure, not one per request), and with the two failures told
/// apart — a procedure the catalogue does not have is <c>null</c> (each caller decides what that means for it), while a
/// catalogue that cannot answer is <see cref="NeighbourUnavailable"/> (a 503, or a message retried). Misses and
/// outages are not cached: a procedure published a second later is found.
/// </summary>
public sealed class ProcedureCatalogueClient(ProcedureCatalogue.ProcedureCatalogueClient catalogue, HybridCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = CacheFor, LocalCacheExpiration = CacheFor };

    public async Task<CataloguedProcedure?> FindAsync(string procedureCode, CancellationToken ct)
    {
        var tenant = RequestContext.TenantId;
        var correlation = RequestContext.CorrelationId;
        try
        {
            return await cache.GetOrCreateAsync($"procedure:{tenant}:{procedureCode}", (catalogue, procedureCode, tenant, correlation),
                static async (s, ct) =>
                {
                    // The cache may run this away from the caller's flow: the call carries the caller's council again.
                    using var _ = RequestContext.Begin(s.tenant, s.correlation);
                    try
                    {
                        var reply = await s.catalogue.GetProcedureAsync(new GetProcedureRequest { Code = s.procedureCode }, cancellationToken: ct);
                        return new CataloguedProcedure(reply.Code, new LocalizedText(reply.Name.Ca, reply.Name.Es, reply.Name.En),
                            reply.AverageAttentionMinutes, reply.Withdrawn);
                    }
                    catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                    {
                        throw new NotInCatalogue(); // thrown, not returned: a miss is not cached
                    }
                }, Entry, cancellationToken: ct);
        }
        catch (NotInCatalogue)
        {
            return null;
        }
        catch (Exception e) when (NeighbourUnavailable.IsOutage(e, ct))
        {
            throw new NeighbourUnavailable("procedures", e);
        }
    }

    private sealed class NotInCatalogue : Exception;
}
