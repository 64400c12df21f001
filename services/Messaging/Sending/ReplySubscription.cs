using JasperFx.Events;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Messaging.Conversations;

namespace Omnichannel.Messaging.Sending;

/// <summary>
/// Sends every <see cref="ReplyQueued"/> through its channel, from a checkpointed Marten subscription run by the async
/// daemon (like the outbox): a webhook answers the provider at once and the send never holds it. How it went is
/// appended to the conversation (<see cref="ReplySent"/>, <see cref="ReplyFailed"/>, <see cref="ChatBlocked"/>). A
/// provider that cannot answer fails the page, which is retried from the checkpoint; a reply already recorded as sent
/// or failed is not sent again, so a retried page resends only what had not gone. Most replies have already left by
/// the time it sees them (<see cref="ReplyDispatcher.SendSoon"/>, right after the webhook's commit): it is the safety
/// net that makes none get lost, and the way for replies queued elsewhere.
/// </summary>
public sealed class ReplySubscription : EachEventSubscription
{
    public const string SubscriptionName = "replies";

    public ReplySubscription(IServiceScopeFactory scopes) : base(scopes, SubscriptionName) => IncludeType<ReplyQueued>();

    protected override Task HandleAsync(IEvent stored, IServiceProvider services, CancellationToken ct) =>
        stored.Data is ReplyQueued reply
            ? services.GetRequiredService<ReplyDispatcher>().DeliverAsync(stored, reply, ct)
            : Task.CompletedTask;
}
