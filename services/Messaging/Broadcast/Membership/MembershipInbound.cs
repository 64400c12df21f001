using Marten;
using Omnichannel.Messaging.Broadcast.Topics;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;

namespace Omnichannel.Messaging.Broadcast.Membership;

/// <summary>Runs <see cref="MembershipDecisions"/> for a message that is a join, a leave or a STOP, inside the
/// webhook's turn on the conversation (same session, same expected version, same redelivery mark). Any other message
/// is not its business (null).</summary>
public sealed class MembershipInbound
{
    public async Task<MembershipDecisions.Decided?> TryAsync(IQuerySession session, MembershipState state, Opening conversation, InboundMessage message, DateTimeOffset at, CancellationToken ct)
    {
        if (message.Kind is not (MessageKind.Text or MessageKind.Button)) return null;
        var intent = MembershipWords.Read(message.Text, conversation.Language);
        return intent switch
        {
            MembershipIntent.StopAll s => MembershipDecisions.Stop(state, s.Language, at, conversation.CitizenId, conversation.Channel,
                state.Topics.Count == 0 ? [] : await session.LoadManyAsync<Topic>(ct, state.Topics)),
            MembershipIntent.Join j => MembershipDecisions.Join(state, await Topic.FindAsync(session, j.TopicWords, ct), j.Language,
                conversation.Channel, conversation.Account, conversation.ChatId, at, conversation.CitizenId),
            MembershipIntent.Leave l => MembershipDecisions.Leave(state, await Topic.FindAsync(session, l.TopicWords, ct), l.Language, at,
                conversation.CitizenId, conversation.Channel),
            _ => null,
        };
    }
}
