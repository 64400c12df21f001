using Marten;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.Messaging.Operators.Closing;

/// <summary>POST /api/messaging/operators/handovers/{handoverId}/closing (staff; If-Match): the hand-over ends and the
/// conversation is back with the keywords (its next unanswered message is handed over anew).</summary>
public static class CloseHandoverEndpoint
{
    public static Task<IResult> Handle(Guid handoverId, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var by = http.User.Subject();
        var at = clock.GetUtcNow();
        return HandoverChange.RunAsync(handoverId, session, http, state => DeskDecisions.Close(state, handoverId, by, at), ct);
    }
}
