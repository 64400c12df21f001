using Marten;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Keywords;

namespace Omnichannel.Messaging.Answering;

/// <summary>
/// The reply to a message, 24/7: the council's keywords (<see cref="KeywordMatching"/>), keyword + personal code
/// (<see cref="CodeLookups"/>), else a pointer to the keyword list. Only what a citizen typed or tapped is answered;
/// photos, locations and contacts wait for the operators (hand-over, later).
/// </summary>
public sealed class Answers(CodeLookups lookups, CodeThrottling.WrongCodeThrottle throttle)
{
    /// <param name="desk">The conversation's operators' side, when it has one: its recent wrong codes throttle look-ups.</param>
    /// <param name="keywords">The council's keyword set as it is now (<see cref="KeywordCache"/>).</param>
    public async Task<Reply?> AnswerAsync(PreparedKeywords keywords, Opening conversation, InboundMessage message, CancellationToken ct, Operators.DeskState? desk = null)
    {
        var set = keywords.Set;
        // A press on one of our buttons names a keyword by its code: answered as that keyword, never read as text.
        if (message.ButtonData is { } pressed) return Buttons.ButtonPresses.Answer(set, pressed, conversation.Language);
        if (message.Kind is not (MessageKind.Text or MessageKind.Button or MessageKind.Edited)) return null;
        var intent = KeywordMatching.Read(keywords, message.Text);
        if (intent is Intent.Keyword { Entry.Lookup: not null, Rest: not null } asked && desk is not null && throttle.IsThrottled(desk.WrongCodes))
            return new Reply(CodeThrottling.WrongCodeThrottle.TryLater.In(conversation.Language), ReplyReasons.CodeThrottled, asked.Entry.Code);
        var status = intent is Intent.Keyword { Entry.Lookup: { } lookup, Rest: { } rest }
            ? await lookups.LookUpAsync(lookup, rest, ct)
            : null;
        return AnswerDecisions.Decide(set, intent, conversation.Language, conversation.CitizenId, status);
    }
}
