using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Queues.DemoData;
using Omnichannel.Queues.Offices;
using Omnichannel.Queues.Offices.Configuring;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Queues.OfficeDirectory;

// Queues' local view of the office directory that appointments owns. Each message's effects are appended to the
// office's stream at the version read, with the processed-message mark: a copy is applied once, and two replicas
// handling two messages of one office at once make one save fail and retry on the newer state.

public sealed class OfficeRegisteredConsumer(IDocumentStore store, IConfiguration configuration, TimeProvider clock)
    : IdempotentConsumer<V1.OfficeRegistered>(store)
{
    protected override async Task HandleAsync(ConsumeContext<V1.OfficeRegistered> context, IDocumentSession session)
    {
        var e = context.Message;
        var demo = configuration.GetValue("DemoData:Enabled", false) ? DemoLines.For(e.OfficeId, clock.GetUtcNow()) : null;
        await OfficeDirectoryView.StageAsync(session, e.OfficeId, state =>
        {
            var events = OfficeDirectoryDecisions.Decide(new OfficeDescribed(e.OfficeId, e.Name, e.Address, e.Calendar, e.Desks, e.OccurredAt), state);
            // The demo lines, once: an office whose lines are configured already keeps them.
            var described = events.Aggregate(state, OfficeState.Evolve);
            return demo is not null && !described.Exists ? [.. events, .. ConfigureOfficeDecision.Decide(demo, described)] : events;
        }, context.CancellationToken);
    }
}

public sealed class OfficeChangedConsumer(IDocumentStore store) : IdempotentConsumer<V1.OfficeChanged>(store)
{
    protected override Task HandleAsync(ConsumeContext<V1.OfficeChanged> context, IDocumentSession session)
    {
        var e = context.Message;
        return OfficeDirectoryView.StageAsync(session, e.OfficeId,
            state => OfficeDirectoryDecisions.Decide(new OfficeDescribed(e.OfficeId, e.Name, e.Address, e.Calendar, e.Desks, e.OccurredAt), state), context.CancellationToken);
    }
}

public sealed class OfficeClosedForDayConsumer(IDocumentStore store) : IdempotentConsumer<V1.OfficeClosedForDay>(store)
{
    protected override Task HandleAsync(ConsumeContext<V1.OfficeClosedForDay> context, IDocumentSession session)
    {
        var e = context.Message;
        return OfficeDirectoryView.StageAsync(session, e.OfficeId,
            state => OfficeDirectoryDecisions.Decide(new OfficeClosureNoted(e.OfficeId, e.Date, e.Reason, e.OccurredAt), state), context.CancellationToken);
    }
}

internal static class OfficeDirectoryView
{
    public static async Task StageAsync(IDocumentSession session, string officeId, Func<OfficeState, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        var key = OfficeState.StreamKey(officeId);
        var (state, version) = await session.LoadAsync(key, OfficeState.Initial, OfficeState.Evolve, ct);
        var events = decide(state);
        if (events.Count > 0) HotStreams<OfficeState>.Stage(session, key, version, events);
    }
}
