using Microsoft.Extensions.Time.Testing;
using Omnichannel.BuildingBlocks.EventStore;

namespace Omnichannel.BuildingBlocks.Tests.EventStore;

/// <summary>The daemon's idle wait ends when this process appends; its pace while events keep coming does not change.</summary>
public sealed class LocalAppendWakeupTests
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_idle_wait_ends_as_soon_as_this_process_appends()
    {
        var clock = new FakeTimeProvider();
        var wakeup = new LocalAppendWakeup(Pace, clock);

        // Given the daemon waiting after a poll that found nothing
        var waiting = wakeup.WaitAsync(Idle, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        // When this process commits events
        wakeup.Appended();

        // Then the wait is over without the clock moving
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_append_during_a_poll_ends_the_next_idle_wait_at_once_and_only_that_one()
    {
        var clock = new FakeTimeProvider();
        var wakeup = new LocalAppendWakeup(Pace, clock);

        // Given events committed while the daemon was reading (its read may have come before the commit)
        wakeup.Appended();

        // When it next waits idle, it looks again at once
        await wakeup.WaitAsync(Idle, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // Then the wait after that lasts until the next append or the idle interval
        var after = wakeup.WaitAsync(Idle, CancellationToken.None);
        Assert.False(after.IsCompleted);
        clock.Advance(Idle);
        await after.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task While_events_keep_coming_appends_do_not_cut_the_pace_short()
    {
        var clock = new FakeTimeProvider();
        var wakeup = new LocalAppendWakeup(Pace, clock);

        // Given the daemon waiting its pace after a poll that found events
        var waiting = wakeup.WaitAsync(Pace, CancellationToken.None);

        // When more events are committed meanwhile
        wakeup.Appended();
        wakeup.Appended();

        // Then it still waits the whole pace (they share the next poll)
        Assert.False(waiting.IsCompleted);
        clock.Advance(Pace);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_idle_wait_without_appends_lasts_the_idle_interval()
    {
        var clock = new FakeTimeProvider();
        var wakeup = new LocalAppendWakeup(Pace, clock);

        var waiting = wakeup.WaitAsync(Idle, CancellationToken.None);
        clock.Advance(Idle - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
