using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;

namespace Omnichannel.Citizens.History;

/// <summary>
/// Turns an integration event naming a citizen into a line of that citizen's history, as its declaration in
/// <see cref="HistoryLines"/> says: idempotent (a redelivery adds nothing), appended to the citizen's history stream.
/// One closed type per declared event, registered by <see cref="HistoryRegistration.AddHistoryConsumers"/>.
/// </summary>
public sealed class HistoryConsumer<T>(IDocumentStore store, ProcedureNames procedures) : IdempotentConsumer<T>(store)
    where T : class, IIntegrationEvent
{
    private static readonly HistoryLine<T> Line = HistoryLines.Of<T>();

    /// <summary>The name each event's hand-written consumer had: messages already marked processed stay marked.</summary>
    protected override string ConsumerName => $"{typeof(T).Name}Consumer";

    protected override async Task HandleAsync(ConsumeContext<T> context, IDocumentSession session)
    {
        var e = context.Message;
        if (e.CitizenId is not { } citizen) return; // anonymous (a walk-in, a kiosk without identification): no history to join
        var line = await Line.DescribeAsync(e, new HistoryNames(procedures, session), context.CancellationToken);
        var service = HistorySource.Service(context.Headers.Get<string>(CloudEventHeaders.Source), Line.Service);
        await session.AppendToLogAsync(HistoryStream.Key(citizen), context.CancellationToken,
            new InteractionRecorded(citizen, context.MessageId!.Value, e.OccurredAt, line.Channel ?? e.Channel, service, line.Kind, line.Text, line.Reference));
    }
}

/// <summary>Which service a line is labelled with.</summary>
public static class HistorySource
{
    /// <summary>The last segment of the CloudEvents source the publisher's outbox set ("/omnichannel/appointments" →
    /// "appointments"), so a new service labels its lines without a word here; <paramref name="fallback"/> (the
    /// declaration's group) when the message came without one, e.g. published by hand.</summary>
    public static string Service(string? source, string fallback)
    {
        var name = source?.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed[(trimmed.LastIndexOf('/') + 1)..] : "";
        return name.Length > 0 ? name : fallback;
    }
}

public static class HistoryRegistration
{
    /// <summary>A <see cref="HistoryConsumer{T}"/> for every declared line.</summary>
    public static void AddHistoryConsumers(this IBusRegistrationConfigurator bus)
    {
        foreach (var line in HistoryLines.All)
            bus.AddConsumer(typeof(HistoryConsumer<>).MakeGenericType(line.EventType));
    }
}
