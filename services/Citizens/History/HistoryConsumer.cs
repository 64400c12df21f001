using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;

namespace Omnichannel.Citizens.History;

/// <summary>A line of history: what kind of step, how it reads in each language, the code the citizen
/// knows it by, and the channel when it differs from the event's own.</summary>
public sealed record Interaction(string Kind, LocalizedText Text, string? Reference, string? Channel = null);

/// <summary>
/// Base of every consumer that turns an integration event naming a citizen into a line of that citizen's
/// history: idempotent (a redelivery adds nothing), appended to the citizen's history stream. A subclass
/// only says how the event reads.
/// </summary>
public abstract class HistoryConsumer<T>(IDocumentStore store, string service) : IdempotentConsumer<T>(store)
    where T : class, IIntegrationEvent
{
    protected abstract Task<Interaction> DescribeAsync(T message, CancellationToken ct);

    protected sealed override async Task HandleAsync(ConsumeContext<T> context, IDocumentSession session)
    {
        var e = context.Message;
        if (e.CitizenId is not { } citizen) return; // anonymous (a walk-in, a kiosk without identification): no history to join
        var line = await DescribeAsync(e, context.CancellationToken);
        await session.AppendToLogAsync(HistoryStream.Key(citizen), context.CancellationToken,
            new InteractionRecorded(citizen, context.MessageId!.Value, e.OccurredAt, line.Channel ?? e.Channel, service, line.Kind, line.Text, line.Reference));
    }
}
