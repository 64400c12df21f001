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

/// <summary>A subscription whose first page is slow (it waits until the test lets it go) but alive; it records whether
/// that page was cancelled.</summary>
public sealed class SlowOnceSubscription : SubscriptionBase
{
    public const string SubscriptionName = "slow-once";
    private readonly SlowPage slow;
    private int pages;

    public SlowOnceSubscription(SlowPage slow)
    {
        this.slow = slow;
        Name = SubscriptionName;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref pages) == 1)
        {
            slow.Entered.TrySetResult();
            try
            {
                await slow.Release.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                slow.Cancelled = true;
                throw;
            }
        }
        foreach (var e in page.Events) slow.Seen.TryAdd(e.Id, 0);
        return NullChangeListener.Instance;
    }
}

public sealed class SlowPage
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public volatile bool Cancelled;
    public System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> Seen { get; } = new();
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

    [Fact]
    public async Task A_busy_subscription_is_not_restarted_when_the_service_clock_jumps_ahead()
    {
        // The service's business clock (what an SLA test moves by days) is not the watchdog's: a page busy for a moment
        // of real time is not a stall however far that clock jumps.
        var slow = new SlowPage();
        var businessClock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = await PingService.StartAsync(
            new Dictionary<string, string?> { ["Daemon:StallAfter"] = "00:00:20", ["Daemon:CheckEvery"] = "00:00:00.200" },
            marten =>
            {
                marten.Services.AddSingleton<TimeProvider>(businessClock);
                marten.Services.AddSingleton(slow);
                marten.AddSubscriptionWithServices<SlowOnceSubscription>(ServiceLifetime.Singleton);
            });
        var watchdog = service.Services.GetRequiredService<DaemonWatchdog>();
        var appended = await service.AppendPingsAsync(0, 5);
        await slow.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));

        for (var jump = 0; jump < 3; jump++)
        {
            businessClock.Advance(TimeSpan.FromDays(1));
            var checks = watchdog.Checks;
            await Eventually.Until(() => Task.FromResult(watchdog.Checks), n => n >= checks + 2, TimeSpan.FromSeconds(30), "two more checks");
        }
        slow.Release.TrySetResult();

        await Eventually.Until(() => Task.FromResult(appended.All(slow.Seen.ContainsKey)), all => all, TimeSpan.FromSeconds(60), "the slow page to finish");
        Assert.False(slow.Cancelled);
        Assert.Equal(0, watchdog.Restarts);
    }
}
