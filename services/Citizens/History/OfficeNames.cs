using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;
using Omnichannel.Contracts.V1;

namespace Omnichannel.Citizens.History;

/// <summary>An office as the history names it: the citizens service's small view of the office directory
/// (appointments owns offices and publishes <see cref="OfficeRegistered"/> and <see cref="OfficeChanged"/>).</summary>
public sealed class KnownOffice
{
    public string Id { get; set; } = "";
    public LocalizedText Name { get; set; } = new("", "", "");
    public DateTimeOffset DescribedAt { get; set; }
}

public static class OfficeNames
{
    /// <summary>The office's name in the three languages; its id while no description has arrived, so a line is
    /// never held back for a name.</summary>
    public static async Task<LocalizedText> Of(IQuerySession session, string officeId, CancellationToken ct) =>
        (await session.LoadAsync<KnownOffice>(officeId, ct))?.Name ?? new LocalizedText(officeId, officeId, officeId);

    /// <summary>Keeps the newest description: registration and changes travel on different queues, so an older
    /// one may arrive last.</summary>
    public static async Task Keep(IDocumentSession session, string officeId, LocalizedText name, DateTimeOffset describedAt, CancellationToken ct)
    {
        if (await session.LoadAsync<KnownOffice>(officeId, ct) is { } known && known.DescribedAt > describedAt) return;
        session.Store(new KnownOffice { Id = officeId, Name = name, DescribedAt = describedAt });
    }
}

public sealed class OfficeRegisteredConsumer(IDocumentStore store) : IdempotentConsumer<OfficeRegistered>(store)
{
    protected override Task HandleAsync(ConsumeContext<OfficeRegistered> context, IDocumentSession session) =>
        OfficeNames.Keep(session, context.Message.OfficeId, context.Message.Name, context.Message.OccurredAt, context.CancellationToken);
}

public sealed class OfficeChangedConsumer(IDocumentStore store) : IdempotentConsumer<OfficeChanged>(store)
{
    protected override Task HandleAsync(ConsumeContext<OfficeChanged> context, IDocumentSession session) =>
        OfficeNames.Keep(session, context.Message.OfficeId, context.Message.Name, context.Message.OccurredAt, context.CancellationToken);
}
