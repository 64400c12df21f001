using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Operators;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Messaging.Complaints;

/// <summary>
/// The incidents service reported a complaint sent from a chat (its incident id is the complaint's id): the citizen
/// is told the incident's code in that conversation. Every other reported incident is none of ours. Once per event,
/// however often it is delivered (the reply is queued with the processed mark).
/// </summary>
public sealed class ComplaintFiledNotice(IDocumentStore store, TimeProvider clock, HotStreams<Conversation> streams) : IdempotentConsumer<V1.IncidentReported>(store)
{
    protected override async Task HandleAsync(ConsumeContext<V1.IncidentReported> context, IDocumentSession session)
    {
        var reported = context.Message;
        if (await session.LoadAsync<ChatComplaint>(reported.IncidentId, context.CancellationToken) is not { } chat) return;
        var now = clock.GetUtcNow();
        var reply = new ReplyQueued(context.MessageId ?? Guid.NewGuid(), chat.Channel, chat.Account, chat.ChatId,
            ComplaintFlow.Filed(chat.Language, reported.IncidentCode), ReplyReasons.Complaint, null, now);
        object[] events = [new ComplaintFiled(reported.IncidentId, reported.IncidentCode, now), reply];
        // Read as the webhook reads it (only what this process has not seen), appended at that version, and told to
        // the conversation's other writers once committed: the chat's next reply outcome then appends at the right
        // version at once instead of losing its first try.
        var (state, version) = await streams.LoadAsync(session, chat.Conversation, context.CancellationToken);
        HotStreams<Conversation>.Stage(session, chat.Conversation, version, events);
        session.Listeners.Add(new Told(() => streams.Appended(session.TenantId, chat.Conversation, state, version, events)));
    }

    /// <summary>Runs once the consumer's transaction (saved by the base class, with the processed mark) has committed.</summary>
    private sealed class Told(Action committed) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, Marten.Services.IChangeSet commit, CancellationToken token)
        {
            committed();
            return Task.CompletedTask;
        }
    }
}
