using JasperFx.Events;
using Marten;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Messaging.Conversations;

namespace Omnichannel.Messaging.Sending;

/// <summary>
/// Sends every <see cref="ReplyQueued"/> through its channel, from a checkpointed Marten subscription run by the async
/// daemon (like the outbox): a webhook answers the provider at once and the send never holds it. How it went is
/// appended to the conversation (<see cref="ReplySent"/>, <see cref="ReplyFailed"/>, <see cref="ChatBlocked"/>). A
/// provider that cannot answer fails the page, which is retried from the checkpoint; a reply already recorded as sent
/// or failed is not sent again, so a retried page resends only what had not gone.
/// </summary>
public sealed class ReplySubscription : EachEventSubscription
{
    public const string SubscriptionName = "replies";

    public ReplySubscription(IServiceScopeFactory scopes) : base(scopes, SubscriptionName) => IncludeType<ReplyQueued>();

    protected override Task HandleAsync(IEvent stored, IServiceProvider services, CancellationToken ct) =>
        stored.Data is ReplyQueued reply
            ? services.GetRequiredService<ReplyDelivery>().DeliverAsync(stored.StreamKey!, reply, ct)
            : Task.CompletedTask;
}

/// <summary>One queued reply: sent on its channel unless already done, the outcome recorded on the conversation.</summary>
public sealed class ReplyDelivery(IDocumentStore store, IEnumerable<IChannelSender> senders, ConversationLocks locks, TimeProvider clock, ILogger<ReplyDelivery> logger)
{
    public async Task DeliverAsync(string streamKey, ReplyQueued reply, CancellationToken ct)
    {
        await using (var session = store.OpenTenantSession())
        {
            var events = await session.Events.FetchStreamAsync(streamKey, token: ct);
            if (events.Any(e => e.Data is ReplySent s && s.ReplyId == reply.ReplyId || e.Data is ReplyFailed f && f.ReplyId == reply.ReplyId)) return;
        }

        var sender = senders.FirstOrDefault(s => s.Channel == reply.Channel);
        var outcome = sender is null
            ? new SendOutcome.Failed($"no-sender-for-{reply.Channel}")
            : await sender.SendAsync(new Outbound(streamKey, reply.ReplyId, reply.Account, reply.ChatId, reply.Text), ct);
        var now = clock.GetUtcNow();
        object[] recorded = outcome switch
        {
            SendOutcome.Sent s => [new ReplySent(reply.ReplyId, s.ProviderMessageId, now)],
            SendOutcome.Blocked => [new ReplyFailed(reply.ReplyId, "blocked", now), new ChatBlocked(now)],
            SendOutcome.Failed f => [new ReplyFailed(reply.ReplyId, f.Reason, now)],
            _ => [],
        };
        if (outcome is not SendOutcome.Sent) logger.LogWarning("A {Channel} reply was not delivered: {Outcome}", reply.Channel, outcome.GetType().Name);

        // Appended after whatever the conversation holds now (the citizen may have written meanwhile), in turn with the webhook.
        using var turn = await locks.EnterAsync(RequestContext.RequiredTenantId, streamKey, ct);
        await ConcurrencyRetry.RetryOnConflictAsync(async () =>
        {
            await using var session = store.OpenTenantSession();
            await session.AppendToLogAsync(streamKey, ct, recorded);
            await session.SaveChangesAsync(ct);
            return true;
        }, ct);
    }
}
