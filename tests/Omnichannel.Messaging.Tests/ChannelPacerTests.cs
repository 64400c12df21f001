using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Messaging.Broadcast;
using Omnichannel.Messaging.Broadcast.Pacing;

namespace Omnichannel.Messaging.Tests;

/// <summary>The pacer on a fake clock: an account's sends follow its even grid, only a send to the same chat waits
/// that chat's interval, no turn comes before its slot, and a send the arrival rule holds does not move the grid.</summary>
public sealed class ChannelPacerTests
{
    private const int PerSecond = 1000;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1 / (PerSecond * (1 - new BroadcastOptions().Margin)));

    private static (ChannelPacer Pacer, FakeTimeProvider Clock) NewPacer(int perSecond = PerSecond, TimeProvider? timers = null)
    {
        var options = new BroadcastOptions();
        options.Limits["telegram"] = new ChannelLimit { PerSecond = perSecond, PerChatPerSecond = 1 };
        var clock = new FakeTimeProvider();
        return (new ChannelPacer(Options.Create(options), timers ?? clock), clock);
    }

    /// <summary>The fake clock, whose timers for more than 2 ms fire 2 ms early (as a real timer counting a coarse tick may).</summary>
    private sealed class EarlyTimers(FakeTimeProvider clock) : TimeProvider
    {
        private static readonly TimeSpan Early = TimeSpan.FromMilliseconds(2);

        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();
        public override long GetTimestamp() => clock.GetTimestamp();
        public override long TimestampFrequency => clock.TimestampFrequency;
        public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            clock.CreateTimer(callback, state, dueTime > Early ? dueTime - Early : dueTime, period);
    }

    [Fact]
    public async Task A_timer_that_fires_early_does_not_give_a_turn_before_its_slot()
    {
        var clock = new FakeTimeProvider();
        var (pacer, _) = NewPacer(timers: new EarlyTimers(clock));
        (await pacer.WaitTurnAsync("telegram", "bot", "chat-a", CancellationToken.None)).Dispose();
        var again = pacer.WaitTurnAsync("telegram", "bot", "chat-a", CancellationToken.None); // chat-a's next second
        var other = pacer.WaitTurnAsync("telegram", "bot", "chat-b", CancellationToken.None);

        clock.Advance(TimeSpan.FromMilliseconds(998)); // chat-a's timer fires now, 2 ms before its slot
        (await other.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        Assert.False(again.IsCompleted, "chat-a was given its turn 2 ms before its per-chat second, on an early timer");

        clock.Advance(TimeSpan.FromMilliseconds(2));
        (await again.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [Fact]
    public async Task A_send_held_by_the_arrival_rule_waits_alone_and_the_sends_after_it_catch_up_on_the_grid()
    {
        // 10/s: ten turns a second on a grid of 1/9.9 s (margin 1 %), each answered at once except the first, answered
        // at 300 ms: the eleventh send must wait until 1.3 s (a second after that answer).
        var (pacer, clock) = NewPacer(perSecond: 10);
        var grid = TimeSpan.FromSeconds(1 / (10 * (1 - new BroadcastOptions().Margin)));
        var first = Enumerable.Range(0, 10).Select(i => pacer.WaitTurnAsync("telegram", "bot", $"chat-{i}", CancellationToken.None)).ToList();
        var slow = await first[0].WaitAsync(TimeSpan.FromSeconds(30));
        var at = TimeSpan.Zero;
        void AdvanceTo(TimeSpan to) { clock.Advance(to - at); at = to; }
        for (var i = 1; i < 10; i++)
        {
            if (i == 3) { AdvanceTo(TimeSpan.FromMilliseconds(300)); slow.Dispose(); }
            AdvanceTo(TimeSpan.FromMilliseconds(Math.Ceiling((grid * i).TotalMilliseconds)));
            (await first[i].WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        }

        var held = pacer.WaitTurnAsync("telegram", "bot", "chat-10", CancellationToken.None); // its grid slot: 1.01 s
        AdvanceTo(TimeSpan.FromMilliseconds(1300));
        (await held.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();

        // The grid was not moved to 1.3 s: the next two sends' slots (1.11 s, 1.21 s) are past, and their own rule (a
        // second after the sends ten before them were answered) lets them go at once, without the clock moving.
        (await pacer.WaitTurnAsync("telegram", "bot", "chat-11", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        (await pacer.WaitTurnAsync("telegram", "bot", "chat-12", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        var onGrid = pacer.WaitTurnAsync("telegram", "bot", "chat-13", CancellationToken.None); // 1.313 s: back on the grid
        Assert.False(onGrid.IsCompleted, "the grid's next slot was given early");
        AdvanceTo(TimeSpan.FromMilliseconds(1314));
        (await onGrid.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [Fact]
    public async Task Sends_to_many_different_chats_keep_the_accounts_pace_without_waiting_for_each_other()
    {
        var (pacer, clock) = NewPacer();
        // 900 chats: with hashed per-chat stripes (8,192) about 50 of them would share a stripe and wait a second.
        var turns = Enumerable.Range(0, 900).Select(i => pacer.WaitTurnAsync("telegram", "bot", $"chat-{i}", CancellationToken.None)).ToList();

        clock.Advance(Interval * 900 + TimeSpan.FromMilliseconds(1));

        var all = await Task.WhenAll(turns).WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var turn in all) turn.Dispose();
    }

    [Fact]
    public async Task A_second_message_to_the_same_chat_waits_the_chats_interval()
    {
        var (pacer, clock) = NewPacer();
        (await pacer.WaitTurnAsync("telegram", "bot", "chat-a", CancellationToken.None)).Dispose();
        var again = pacer.WaitTurnAsync("telegram", "bot", "chat-a", CancellationToken.None);
        var other = pacer.WaitTurnAsync("telegram", "bot", "chat-b", CancellationToken.None);

        clock.Advance(TimeSpan.FromMilliseconds(900));
        (await other.WaitAsync(TimeSpan.FromSeconds(30))).Dispose(); // the clock's timers up to now have fired
        Assert.False(again.IsCompleted, "chat-a was sent to again before its per-chat second");

        clock.Advance(TimeSpan.FromMilliseconds(101));
        (await again.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }
}
