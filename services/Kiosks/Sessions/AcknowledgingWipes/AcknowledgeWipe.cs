using Marten;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Kiosks.Access;

namespace Omnichannel.Kiosks.Sessions.AcknowledgingWipes;

public static class AcknowledgeWipeEndpoint
{
    public static async Task<IResult> Handle(string kioskId, Guid sessionId, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var own = KioskIdentity.Of(http.User)!;
        var command = new AcknowledgeWipe(own.KioskId, sessionId, clock.GetUtcNow());
        await session.DecideAndAppendAsync(SessionsState.StreamKey(own.KioskId), SessionsState.Initial, SessionsState.Evolve,
            state => SessionDecisions.Decide(command, state), ct);
        return TypedResults.NoContent();
    }
}

public static class PrivacyStateEndpoint
{
    public static async Task<IResult> Handle(string kioskId, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var own = KioskIdentity.Of(http.User)!;
        var view = await session.LoadAsync<KioskSessionsView>(SessionsState.StreamKey(own.KioskId), ct);
        return TypedResults.Ok(new PrivacyState(view?.OpenSessionId, view?.WipeSessionId, view?.OutOfService ?? false));
    }
}
