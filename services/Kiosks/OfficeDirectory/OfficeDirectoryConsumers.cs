using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Kiosks.OfficeDirectory;

/// <summary>The kiosks service's view of an office of the directory (appointments owns offices): kiosks are enrolled
/// only at an office heard of, and its calendar and closure days tell when a missing heartbeat matters.</summary>
public sealed class DirectoryOffice
{
    public string Id { get; set; } = "";
    public LocalizedText Name { get; set; } = new("", "", "");
    public string Calendar { get; set; } = "";
    public DateTimeOffset DescribedAt { get; set; }
    public List<DateOnly> Closures { get; set; } = [];
}

internal static class DirectoryOffices
{
    /// <summary>A registration or change; a late copy of an older description changes nothing.</summary>
    public static async Task DescribeAsync(IDocumentSession session, string officeId, LocalizedText name, string calendar, DateTimeOffset at, CancellationToken ct)
    {
        var office = await session.LoadAsync<DirectoryOffice>(officeId, ct) ?? new DirectoryOffice { Id = officeId };
        if (office.DescribedAt >= at && office.Calendar != "") return;
        office.Name = name;
        office.Calendar = calendar;
        office.DescribedAt = at;
        session.Store(office);
    }
}

public sealed class OfficeRegisteredConsumer(IDocumentStore store) : IdempotentConsumer<V1.OfficeRegistered>(store)
{
    protected override Task HandleAsync(ConsumeContext<V1.OfficeRegistered> context, IDocumentSession session) =>
        DirectoryOffices.DescribeAsync(session, context.Message.OfficeId, context.Message.Name, context.Message.Calendar, context.Message.OccurredAt, context.CancellationToken);
}

public sealed class OfficeChangedConsumer(IDocumentStore store) : IdempotentConsumer<V1.OfficeChanged>(store)
{
    protected override Task HandleAsync(ConsumeContext<V1.OfficeChanged> context, IDocumentSession session) =>
        DirectoryOffices.DescribeAsync(session, context.Message.OfficeId, context.Message.Name, context.Message.Calendar, context.Message.OccurredAt, context.CancellationToken);
}

public sealed class OfficeClosedForDayConsumer(IDocumentStore store) : IdempotentConsumer<V1.OfficeClosedForDay>(store)
{
    protected override async Task HandleAsync(ConsumeContext<V1.OfficeClosedForDay> context, IDocumentSession session)
    {
        var e = context.Message;
        // A closure heard before the registration still counts: the office's description fills in later.
        var office = await session.LoadAsync<DirectoryOffice>(e.OfficeId, context.CancellationToken) ?? new DirectoryOffice { Id = e.OfficeId };
        if (office.Closures.Contains(e.Date)) return;
        office.Closures.Add(e.Date);
        session.Store(office);
    }
}
