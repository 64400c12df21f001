using Microsoft.Extensions.Diagnostics.HealthChecks;
using Omnichannel.BuildingBlocks.Reliability;

namespace Omnichannel.BuildingBlocks.Tests.Outbox;

public sealed class OutboxLagTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly OutboxOptions Thresholds = new() { DegradedLagEvents = 100, DegradedLagAge = TimeSpan.FromSeconds(60) };

    [Fact]
    public void The_lag_is_the_events_between_the_checkpoint_and_the_high_water_mark_and_the_age_of_the_oldest()
    {
        var lag = OutboxLag.Between(highWaterMark: 4059, checkpoint: 3309, oldestWaitingAt: Now.AddSeconds(-42), Now);

        Assert.Equal(750, lag.Events);
        Assert.Equal(TimeSpan.FromSeconds(42), lag.OldestWaiting);
    }

    [Fact]
    public void An_outbox_at_the_high_water_mark_has_no_lag_whatever_it_last_saw()
    {
        Assert.Equal(OutboxLag.None, OutboxLag.Between(10, 10, Now.AddHours(-1), Now));
    }

    [Theory]
    [InlineData(0, 0, HealthStatus.Healthy)]
    [InlineData(99, 59, HealthStatus.Healthy)]
    [InlineData(100, 0, HealthStatus.Degraded)]
    [InlineData(1, 60, HealthStatus.Degraded)]
    public void Past_either_threshold_the_outbox_is_degraded(long events, int ageSeconds, HealthStatus expected)
    {
        Assert.Equal(expected, new OutboxLag(events, TimeSpan.FromSeconds(ageSeconds)).Assess(Thresholds));
    }
}
