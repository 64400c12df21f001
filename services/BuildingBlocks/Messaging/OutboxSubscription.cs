using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Reliability;
using Omnichannel.Contracts;

namespace Omnichannel.BuildingBlocks.Messaging;

/// <summary>
/// "The event store is the outbox": a checkpointed Marten subscription that publishes each mapped
/// event to RabbitMQ, with the Marten event id as MessageId. If publishing fails the page is not
/// committed and is retried from the last checkpoint, so delivery is at-least-once and consumers
/// deduplicate on MessageId (see <see cref="IdempotentConsumer{T}"/>). Each publish is bounded by
/// <see cref="OutboxOptions.PublishTimeout"/>: a confirm lost with a dead connection fails the page instead of
/// holding the outbox (and, under HotCold, its lock) forever.
/// </summary>
public sealed class OutboxSubscription : SubscriptionBase
{
    public const string SubscriptionName = "integration-events-outbox";

    private readonly IIntegrationEventMapper mapper;
    private readonly IBus bus;
    private readonly ILogger<OutboxSubscription> logger;
    private readonly TimeSpan publishTimeout;

    public OutboxSubscription(IIntegrationEventMapper mapper, IBus bus, ILogger<OutboxSubscription> logger, IOptions<OutboxOptions> options)
    {
        this.mapper = mapper;
        this.bus = bus;
        this.logger = logger;
        publishTimeout = options.Value.PublishTimeout;
        Name = SubscriptionName;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var published = 0;
        // In order, awaiting each confirm: keeps per-stream order on the queue.
        foreach (var stored in page.Events)
        {
            var message = PersonalData.ErasureOutbox.Map(stored, mapper.Source) ?? mapper.Map(stored);
            if (message is null) continue;

            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(publishTimeout);
            var publish = bus.Publish(message, message.GetType(), context => CloudEventHeaders.Stamp(context, message, stored, mapper.Source), bounded.Token);
            try
            {
                // WaitAsync as well as the token: a publish that ignores its token still lets the page go.
                await publish.WaitAsync(publishTimeout, cancellationToken);
            }
            catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                logger.LogWarning("Outbox publish of event {EventId} got no confirm within {Timeout}: retrying the page from the checkpoint",
                    stored.Id, publishTimeout);
                throw new TimeoutException($"No publish confirm within {publishTimeout}.", e);
            }
            published++;
        }

        if (published > 0)
            logger.LogDebug("Outbox published {Count} integration events up to sequence {Ceiling}", published, page.SequenceCeiling);
        return NullChangeListener.Instance;
    }
}
