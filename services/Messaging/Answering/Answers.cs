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
public sealed class Answers(CodeLookups lookups)
{
    public async Task<Reply?> AnswerAsync(IQuerySession session, Opening conversation, InboundMessage message, CancellationToken ct)
    {
        if (message.Kind is not (MessageKind.Text or MessageKind.Button or MessageKind.Edited)) return null;
        var set = await session.LoadAsync<KeywordSet>(KeywordSet.DocumentId, ct) ?? new KeywordSet();
        var intent = KeywordMatching.Read(set, message.Text);
        var status = intent is Intent.Keyword { Entry.Lookup: { } lookup, Rest: { } rest }
            ? await lookups.LookUpAsync(lookup, rest, ct)
            : null;
        return AnswerDecisions.Decide(set, intent, conversation.Language, conversation.CitizenId, status);
    }
}
