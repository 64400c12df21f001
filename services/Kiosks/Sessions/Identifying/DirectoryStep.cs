using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Contracts.Grpc.Citizens.V1;
using Omnichannel.Kiosks.Access;
using Omnichannel.Kiosks.Neighbours;

namespace Omnichannel.Kiosks.Sessions.Identifying;

/// <summary>
/// What identifying and registering at the kiosk share: the kiosk from its verified token, its sessions read and
/// checked (<paramref name="check"/>: a 409 before the citizens service is asked anything), the citizens service asked
/// over gRPC with the kiosks service's own token (never the device's, never a council the kiosk names), its refusals
/// renamed to the kiosk's fields (<paramref name="rename"/>), and the session recorded as the citizen's. Each use case
/// keeps its own check, question and wording.
/// </summary>
public static class DirectoryStep
{
    public static async Task<IdentifiedSession> RunAsync(HttpContext http, IDocumentSession session, IServiceProvider services, TimeProvider clock,
        Guid sessionId, Identification identification, Action<SessionsState> check,
        Func<CitizenDirectory.CitizenDirectoryClient, string, Task<string>> ask, Func<Rejection, Rejection?> rename, CancellationToken ct)
    {
        var own = KioskIdentity.Of(http.User)!;
        var (state, _) = await session.LoadAsync(SessionsState.StreamKey(own.KioskId), SessionsState.Initial, SessionsState.Evolve, ct);
        check(state);

        var directory = NeighbourCalls.Require<CitizenDirectory.CitizenDirectoryClient>(services, "citizens");
        string citizenId;
        try
        {
            citizenId = await NeighbourCalls.CallAsync("citizens", () => ask(directory, own.KioskId), ct);
        }
        catch (Rejection e) when (rename(e) is { } renamed)
        {
            throw renamed;
        }
        return await IdentifyCitizenEndpoint.RecordAsync(session, new IdentifyCitizen(own.KioskId, sessionId, identification, Guid.Parse(citizenId), clock.GetUtcNow()), ct);
    }
}
