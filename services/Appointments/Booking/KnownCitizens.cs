using Grpc.Core;
using Marten;
using MassTransit;
using Microsoft.Extensions.Caching.Memory;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts.Grpc.Citizens.V1;
using Omnichannel.Contracts.V1;

namespace Omnichannel.Appointments.Booking;

/// <summary>A citizen this service has heard registered. Only the id: whether someone exists is all a booking needs.</summary>
public sealed class KnownCitizen
{
    public Guid Id { get; set; }
}

/// <summary>Keeps <see cref="KnownCitizen"/> from the citizens service's registrations, so that a booking checks its
/// citizen in its own database (in the round trip it makes anyway) instead of a call to the citizens service.</summary>
public sealed class CitizenRegisteredConsumer(IDocumentStore store) : IdempotentConsumer<CitizenRegistered>(store)
{
    protected override Task HandleAsync(ConsumeContext<CitizenRegistered> context, IDocumentSession session)
    {
        if (context.Message.CitizenId is { } id) session.Store(new KnownCitizen { Id = id });
        return Task.CompletedTask;
    }
}

/// <summary>
/// Whether a citizen exists: remembered for ten minutes once asked (citizens are never deleted), else known from a
/// registration this service has consumed, else asked of the citizens service — the registration may not have
/// arrived yet (a citizen who registers and books in the same second) or may predate this service's queue.
/// </summary>
public sealed class CitizenCheck(CitizenDirectory.CitizenDirectoryClient directory, IMemoryCache remembered)
{
    private static string Key(Guid citizenId) => $"citizen:{RequestContext.RequiredTenantId}:{citizenId:N}";

    /// <summary>Known without any round trip.</summary>
    public bool Remembered(Guid citizenId) => remembered.TryGetValue(Key(citizenId), out _);

    /// <summary>Throws a 400 naming <c>citizenId</c> when no such citizen is registered. <paramref name="knownHere"/>
    /// is whether this service's <see cref="KnownCitizen"/> has them; when it does not, the directory is asked.</summary>
    public async Task EnsureExistsAsync(Guid citizenId, bool knownHere, CancellationToken ct)
    {
        if (knownHere || Remembered(citizenId))
        {
            remembered.Set(Key(citizenId), true, TimeSpan.FromMinutes(10));
            return;
        }
        try
        {
            await directory.GetCitizenAsync(new GetCitizenRequest { CitizenId = citizenId.ToString() }, cancellationToken: ct);
            remembered.Set(Key(citizenId), true, TimeSpan.FromMinutes(10));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw Rejection.Invalid("citizenId", "No citizen is registered with this id.");
        }
    }

    /// <summary>For callers that have not read <see cref="KnownCitizen"/> already: one local read, then the directory.</summary>
    public async Task EnsureExistsAsync(IQuerySession session, Guid citizenId, CancellationToken ct) =>
        await EnsureExistsAsync(citizenId, !Remembered(citizenId) && await session.LoadAsync<KnownCitizen>(citizenId, ct) is not null, ct);
}
