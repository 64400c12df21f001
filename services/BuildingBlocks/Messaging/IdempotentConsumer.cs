using Marten;
using JasperFx;
using MassTransit;
using Omnichannel.Contracts;

namespace Omnichannel.BuildingBlocks.Messaging;

/// <summary>
/// Base for every consumer whose effects go to the event store: the handler's changes and the
/// <see cref="ProcessedMessage"/> mark are saved together, so a message delivered twice — a retry,
/// a re-published outbox page, a redelivery after a crash — is applied once.
/// </summary>
public abstract class IdempotentConsumer<T>(IDocumentStore store) : IConsumer<T>
    where T : class, IIntegrationEvent
{
    /// <summary>Distinguishes consumers of the same message in the same service.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<T> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(T).Name} arrived without a MessageId; it cannot be deduplicated.");
        var key = ProcessedMessage.KeyFor(ConsumerName, messageId);

        await using var session = store.LightweightSession(context.Message.TenantId);
        if (context.CorrelationId is { } correlation) session.CorrelationId = correlation.ToString("N");
        if (await session.LoadAsync<ProcessedMessage>(key, context.CancellationToken) is not null)
            return;

        session.Insert(new ProcessedMessage { Id = key, ProcessedAt = DateTimeOffset.UtcNow });
        await HandleAsync(context, session);
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (Exception e) when (IsDuplicateMark(e))
        {
            // A concurrent delivery of the same message committed first; its effects stand, ours are discarded.
        }
    }

    /// <summary>Stages the message's effects on <paramref name="session"/>; do not save it.</summary>
    protected abstract Task HandleAsync(ConsumeContext<T> context, IDocumentSession session);

    private static bool IsDuplicateMark(Exception e) => e switch
    {
        DocumentAlreadyExistsException => true,
        AggregateException a => a.InnerExceptions.Any(IsDuplicateMark),
        _ => e.InnerException is not null && IsDuplicateMark(e.InnerException),
    };
}
