using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks.Messaging;
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
/// Whether a citizen exists: the shared <see cref="CitizenDirectoryCheck"/> (remembered ten minutes once known, else
/// asked of the citizens service), with this service's own shortcut first — a citizen whose registration appointments
/// has consumed (<see cref="KnownCitizen"/>) costs no call. The registration may not have arrived yet (a citizen who
/// registers and books in the same second) or may predate this service's queue: then the directory is asked.
/// </summary>
public sealed class CitizenCheck(CitizenDirectoryCheck directory)
{
    /// <summary>Known without any round trip.</summary>
    public ValueTask<bool> RememberedAsync(Guid citizenId) => directory.RememberedAsync(citizenId);

    /// <summary>Throws a 400 naming <c>citizenId</c> when no such citizen is registered. <paramref name="knownHere"/>
    /// is whether this service's <see cref="KnownCitizen"/> has them; when it does not, the directory is asked.</summary>
    public async Task EnsureExistsAsync(Guid citizenId, bool knownHere, CancellationToken ct)
    {
        if (knownHere) await directory.RememberAsync(citizenId, ct);
        else await directory.EnsureExistsAsync(citizenId, ct);
    }

    /// <summary>For callers that have not read <see cref="KnownCitizen"/> already: one local read, then the directory.</summary>
    public async Task EnsureExistsAsync(IQuerySession session, Guid citizenId, CancellationToken ct) =>
        await EnsureExistsAsync(citizenId, !await RememberedAsync(citizenId) && await session.LoadAsync<KnownCitizen>(citizenId, ct) is not null, ct);
}
