using Marten;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Kiosks.Access;

namespace Omnichannel.Kiosks.Sessions.Ending;

/// <summary>The wipe the kiosk must do now and acknowledge for <c>sessionId</c>.</summary>
public sealed record WipeInstruction(Guid SessionId, string Acknowledge);

public static class EndSessionEndpoint
{
    public static async Task<IResult> Handle(string kioskId, Guid sessionId, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var own = KioskIdentity.Of(http.User)!;
        var command = new EndSession(own.KioskId, own.OfficeId, sessionId, SessionEnding.Explicit, clock.GetUtcNow());
        await session.DecideAndAppendAsync(SessionsState.StreamKey(own.KioskId), SessionsState.Initial, SessionsState.Evolve,
            state => SessionDecisions.Decide(command, state), ct);
        return TypedResults.Ok(new WipeInstruction(sessionId, $"/api/kiosks/{own.KioskId}/sessions/{sessionId}/wipe-acknowledgement"));
    }
}
