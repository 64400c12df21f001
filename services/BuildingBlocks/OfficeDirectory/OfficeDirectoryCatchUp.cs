using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Omnichannel.Contracts.V1;

namespace Omnichannel.BuildingBlocks.OfficeDirectory;

/// <summary>
/// At each start, asks appointments for the whole directory (<see cref="OfficeDirectoryRequested"/>): the events of
/// offices announced before this service's queues existed never reached it, and its copy would miss those offices
/// for ever. What it already applied comes back as duplicates and is skipped.
/// </summary>
public sealed class OfficeDirectoryCatchUp(IBusControl bus, ServiceSetup setup, TimeProvider clock, ILogger<OfficeDirectoryCatchUp> logger) : BackgroundService
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HealthyWithin = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Asked once this service's consumer queues are bound (the bus healthy): an answer published before would
        // reach nobody. A bus still unhealthy after a while (one endpoint faulted) asks anyway: most copies get it.
        // The request waits in appointments' queue (declared on publish) when appointments is down.
        if (await bus.WaitForHealthStatus(BusHealthStatus.Healthy, HealthyWithin).WaitAsync(stoppingToken) != BusHealthStatus.Healthy)
            logger.LogWarning("The message bus is not healthy after {Wait}; asking for the office directory anyway", HealthyWithin);
        var wait = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await bus.Publish(new OfficeDirectoryRequested(setup.Name, clock.GetUtcNow()), stoppingToken);
                logger.LogInformation("Asked for the office directory");
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not ask for the office directory yet; trying again in {Wait}", wait);
                await Task.Delay(wait, stoppingToken);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxWait.Ticks));
            }
        }
    }
}
