using Marten;
using Omnichannel.Messaging.Answering;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Keywords;

namespace Omnichannel.Messaging.Operators.HandingOver;

/// <summary>Runs <see cref="DeskRouting"/> for a message with what it needs: the operators' hours now and, outside
/// them, the council's keyword list.</summary>
public sealed class OperatorDesk(OperatorHours hours, ConversationKeys keys)
{
    /// <param name="keywords">The council's keyword set as it is now (its list is told outside operator hours).</param>
    public Task<Routed> RouteAsync(IDocumentSession session, PreparedKeywords keywords, DeskState desk, Opening conversation, InboundMessage message, Reply? reply, DateTimeOffset at, CancellationToken ct)
    {
        var routed = DeskRouting.Route(desk, conversation, message, reply,
            () => hours.Now(conversation.Language),
            () => AnswerDecisions.List(keywords.Set, conversation.Language),
            Guid.NewGuid(), at);
        // Where the incident's code goes back to when incidents has reported the complaint.
        foreach (var submitted in routed.Events.OfType<ComplaintSubmitted>())
            session.Store(new Complaints.ChatComplaint
            {
                Id = submitted.ComplaintId, Conversation = keys.For(conversation.Channel, conversation.Account, conversation.ChatId),
                Channel = conversation.Channel, Account = conversation.Account, ChatId = conversation.ChatId, Language = conversation.Language,
                PhotoFileIds = [.. submitted.PhotoFileIds],
            });
        return Task.FromResult(routed);
    }
}
