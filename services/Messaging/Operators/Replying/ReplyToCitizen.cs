using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.Messaging.Conversations;

namespace Omnichannel.Messaging.Operators.Replying;

public sealed record OperatorReplyRequest(string? Text);

public sealed class OperatorReplyRequestValidator : AbstractValidator<OperatorReplyRequest>
{
    public OperatorReplyRequestValidator()
    {
        RuleFor(r => r.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Write the answer the citizen gets.");
        RuleFor(r => r.Text).MaximumLength(SafeText.MaxLength);
    }
}

/// <summary>POST /api/messaging/operators/handovers/{handoverId}/replies (staff; If-Match): the operator who claimed the
/// conversation answers; the text leaves on the conversation's own channel through the replies subscription, like any
/// answer. The hand-over's first answer records how long it took.</summary>
public static class ReplyToCitizenEndpoint
{
    public static Task<IResult> Handle(Guid handoverId, OperatorReplyRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var by = http.User.Subject();
        var at = clock.GetUtcNow();
        var text = SafeText.Of(request.Text!.Trim())!;
        return HandoverChange.RunAsync(handoverId, session, http, state => DeskDecisions.Reply(state, handoverId, by, text, Guid.NewGuid(), at), ct);
    }
}
