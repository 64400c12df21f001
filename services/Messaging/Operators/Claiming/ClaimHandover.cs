using Marten;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.Messaging.Operators.Claiming;

/// <summary>POST /api/messaging/operators/handovers/{handoverId}/claim (staff; If-Match): the operator takes the
/// conversation; another operator's claim is a 409, claiming one's own again changes nothing.</summary>
public static class ClaimHandoverEndpoint
{
    public static Task<IResult> Handle(Guid handoverId, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var by = http.User.Subject();
        var at = clock.GetUtcNow();
        return HandoverChange.RunAsync(handoverId, session, http, state => DeskDecisions.Claim(state, handoverId, by, at), ct);
    }
}
