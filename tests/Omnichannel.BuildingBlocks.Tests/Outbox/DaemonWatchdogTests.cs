using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Reliability;
using Omnichannel.Testing;

namespace Omnichannel.BuildingBlocks.Tests.Outbox;

/// <summary>A subscription whose first page hangs until it is cancelled (as a publish waiting for a confirm that
/// never comes would); afterwards it records what it sees.</summary>
public sealed class HangingOnceSubscription : SubscriptionBase
{
    public const string SubscriptionName = "hangs-once";
    private readonly SeenEvents seen;
    private int pages;

    public HangingOnceSubscription(SeenEvents seen)
    {
        this.seen = seen;
        Name = SubscriptionName;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref pages) == 1) await Task.Delay(Timeout.Infinite, cancellationToken);
        foreach (var e in page.Events) seen.Ids.TryAdd(e.Id, 0);
        return NullChangeListener.Instance;
    }
}

public sealed class SeenEvents
{
    public System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> Ids { get; } = new();
}

[Collection(BrokerOutages.Name)]
public sealed class DaemonWatchdogTests
{
    [Fact]
    public async Task A_subscription_stuck_on_a_page_while_events_wait_is_restarted_and_catches_up()
    {
        var seen = new SeenEvents();
        await using var service = await PingService.StartAsync(
            new Dictionary<string, string?> { ["Daemon:StallAfter"] = "00:00:03", ["Daemon:CheckEvery"] = "00:00:00.500" },
            marten =>
            {
                marten.Services.AddSingleton(seen);
                marten.AddSubscriptionWithServices<HangingOnceSubscription>(ServiceLifetime.Singleton);
            });
        var watchdog = service.Services.GetRequiredService<DaemonWatchdog>();

        var appended = await service.AppendPingsAsync(0, 10);

        await Eventually.Until(() => Task.FromResult(appended.All(seen.Ids.ContainsKey)), all => all, TimeSpan.FromSeconds(60),
            "the stuck subscription to be restarted and see every event");
        Assert.True(watchdog.Restarts >= 1);
    }
}
