using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Messaging.Broadcast;
using Omnichannel.Messaging.Broadcast.Pacing;

namespace Omnichannel.Messaging.Tests;

/// <summary>The pacer on a fake clock: an account's sends follow its even grid, and only a send to the same chat waits
/// that chat's interval.</summary>
public sealed class ChannelPacerTests
{
    private const int PerSecond = 1000;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1 / (PerSecond * (1 - 0.02)));

    private static (ChannelPacer Pacer, FakeTimeProvider Clock) NewPacer()
    {
        var options = new BroadcastOptions();
        options.Limits["telegram"] = new ChannelLimit { PerSecond = PerSecond, PerChatPerSecond = 1 };
        var clock = new FakeTimeProvider();
        return (new ChannelPacer(Options.Create(options), clock), clock);
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
