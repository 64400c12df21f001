using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.Messaging;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.BuildingBlocks.OfficeDirectory;

// The shared copy of the directory (ServiceSetup.OfficeDirectory = OfficeDirectoryCopy.Documents). Their queues are
// "<service>-office-registered", "-office-changed" and "-office-closed-for-day" (contracts/Subscriptions.cs).
// Two messages of one office handled at once: the document's optimistic concurrency fails one save, which is retried.

public sealed class OfficeRegisteredConsumer(IDocumentStore store) : IdempotentConsumer<V1.OfficeRegistered>(store)
{
    protected override Task HandleAsync(ConsumeContext<V1.OfficeRegistered> context, IDocumentSession session)
    {
        var e = context.Message;
        return DirectoryOffices.DescribeAsync(session, e.OfficeId, e.Name, e.Address, e.Calendar, e.Desks, e.OccurredAt, context.CancellationToken);
    }
}

public sealed class OfficeChangedConsumer(IDocumentStore store) : IdempotentConsumer<V1.OfficeChanged>(store)
{
    protected override Task HandleAsync(ConsumeContext<V1.OfficeChanged> context, IDocumentSession session)
    {
        var e = context.Message;
        return DirectoryOffices.DescribeAsync(session, e.OfficeId, e.Name, e.Address, e.Calendar, e.Desks, e.OccurredAt, context.CancellationToken);
    }
}

public sealed class OfficeClosedForDayConsumer(IDocumentStore store) : IdempotentConsumer<V1.OfficeClosedForDay>(store)
{
    protected override Task HandleAsync(ConsumeContext<V1.OfficeClosedForDay> context, IDocumentSession session) =>
        DirectoryOffices.NoteClosureAsync(session, context.Message.OfficeId, context.Message.Date, context.CancellationToken);
}
