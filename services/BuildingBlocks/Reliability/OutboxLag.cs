using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Omnichannel.BuildingBlocks.Reliability;

/// <summary>How far the outbox is behind the event store: events between its checkpoint and the high-water mark,
/// and the age of the oldest of them (zero when none waits).</summary>
public sealed record OutboxLag(long Events, TimeSpan OldestWaiting)
{
    public static readonly OutboxLag None = new(0, TimeSpan.Zero);

    public static OutboxLag Between(long highWaterMark, long checkpoint, DateTimeOffset? oldestWaitingAt, DateTimeOffset now)
    {
        var events = Math.Max(0, highWaterMark - checkpoint);
        var age = events > 0 && oldestWaitingAt is { } at && now > at ? now - at : TimeSpan.Zero;
        return new OutboxLag(events, age);
    }

    /// <summary>Past either threshold the outbox is Degraded: the service still takes requests, but what it
    /// records is not reaching the other services.</summary>
    public HealthStatus Assess(OutboxOptions options) =>
        Events >= options.DegradedLagEvents || OldestWaiting >= options.DegradedLagAge ? HealthStatus.Degraded : HealthStatus.Healthy;
}
