using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Omnichannel.BuildingBlocks.Reliability;

/// <summary>Degraded while the outbox lags past its thresholds (see <see cref="OutboxLag.Assess"/>).</summary>
public sealed class OutboxLagHealthCheck(DaemonWatchdog watchdog, IOptions<OutboxOptions> options) : IHealthCheck
{
    public const string Name = "outbox-lag";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var lag = watchdog.Lag;
        var data = new Dictionary<string, object> { ["events"] = lag.Events, ["oldestWaitingSeconds"] = Math.Round(lag.OldestWaiting.TotalSeconds, 1) };
        var description = $"{lag.Events} events wait to be published; the oldest for {lag.OldestWaiting.TotalSeconds:F0} s.";
        return Task.FromResult(new HealthCheckResult(lag.Assess(options.Value), description, data: data));
    }
}
