using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Omnichannel.BuildingBlocks.Messaging;

/// <summary>
/// Publishes a stream's integration events again, in order, exactly as the outbox published them (same message ids
/// and attributes; <see cref="CloudEventHeaders.Replay"/> added). Idempotent consumers that applied them skip them;
/// a consumer that never had them gets them. For catch-ups, never for the normal flow: that is the outbox's.
/// </summary>
public sealed class IntegrationEventReplay(IIntegrationEventMapper mapper, ILogger<IntegrationEventReplay> logger)
{
    public async Task<int> RepublishStreamAsync(IQuerySession session, string streamKey, IPublishEndpoint publisher, CancellationToken ct)
    {
        var published = 0;
        foreach (var stored in await session.Events.FetchStreamAsync(streamKey, token: ct))
        {
            if (mapper.Map(stored) is not { } message) continue;
            await publisher.Publish(message, message.GetType(), context =>
            {
                CloudEventHeaders.Stamp(context, message, stored, mapper.Source);
                context.Headers.Set(CloudEventHeaders.Replay, "true");
            }, ct);
            published++;
        }
        logger.LogDebug("Published {Count} integration events of a stream again", published);
        return published;
    }
}
