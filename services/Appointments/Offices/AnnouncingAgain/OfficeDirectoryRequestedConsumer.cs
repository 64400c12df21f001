using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts.V1;

namespace Omnichannel.Appointments.Offices.AnnouncingAgain;

/// <summary>
/// A copy of the directory asked for all of it (<see cref="OfficeDirectoryRequested"/>, at its start): every office's
/// integration events of every council go out again with their first ids. Not idempotent and needs not be: a second
/// answer is more duplicates, which every copy skips. Offices are few, so the answer is small.
/// </summary>
public sealed class OfficeDirectoryRequestedConsumer(IDocumentStore store, IntegrationEventReplay replay, ILogger<OfficeDirectoryRequestedConsumer> logger)
    : IConsumer<OfficeDirectoryRequested>
{
    public async Task Consume(ConsumeContext<OfficeDirectoryRequested> context)
    {
        var ct = context.CancellationToken;
        IReadOnlyList<OfficeView> offices;
        await using (var query = store.QuerySession())
            offices = await query.Query<OfficeView>().Where(o => o.AnyTenant()).ToListAsync(ct);

        var published = 0;
        foreach (var council in offices.GroupBy(o => o.TenantId!))
        {
            using var scope = RequestContext.Begin(council.Key, null);
            await using var session = store.QuerySession(council.Key);
            foreach (var office in council)
                published += await replay.RepublishStreamAsync(session, office.Id, context, ct);
        }
        logger.LogInformation("The {Service} service asked for the office directory: {Offices} offices, {Events} events published again",
            context.Message.Service, offices.Count, published);
    }
}
