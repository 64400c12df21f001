using Microsoft.Extensions.Options;

namespace Omnichannel.Messaging.Broadcast.Pacing;

/// <summary>
/// Spaces sends evenly to each account's limit: every send takes the next slot of its account's schedule (one every
/// 1/(rate × (1 − margin)) seconds, never earlier, never two at once), and a chat's next message waits its own
/// per-chat interval. No bursts, so no second of the provider's counting sees more than the limit; a slot not used
/// is not saved up. The per-chat times live in a fixed array of stripes (a collision only waits a little longer), so
/// memory does not grow with the number of chats.
/// </summary>
public sealed class ChannelPacer(IOptions<BroadcastOptions> options, TimeProvider clock)
{
    private const int ChatStripes = 8192;
    /// <summary>No slot is further ahead than this: a clock set back (or a test's clock moved) must not stall sending.</summary>
    private static readonly long MaxAhead = TimeSpan.FromMinutes(10).Ticks;
    private readonly Dictionary<(string Channel, string Account), Schedule> schedules = [];
    private readonly Lock gate = new();

    private sealed class Schedule
    {
        public long NextSlot;
        public readonly long[] ChatNext = new long[ChatStripes];
    }

    /// <summary>Waits until this send's slot on its account (and its chat's) has come.</summary>
    public async Task WaitTurnAsync(string channel, string account, string chatId, CancellationToken ct)
    {
        var limit = options.Value.LimitOf(channel);
        var interval = TimeSpan.FromSeconds(1 / (limit.PerSecond * (1 - options.Value.Margin))).Ticks;
        var chatInterval = TimeSpan.FromSeconds(1 / limit.PerChatPerSecond).Ticks;
        long slot;
        lock (gate)
        {
            if (!schedules.TryGetValue((channel, account), out var schedule)) schedules[(channel, account)] = schedule = new Schedule();
            var now = clock.GetUtcNow().UtcTicks;
            var stripe = (int)((uint)StringComparer.Ordinal.GetHashCode(chatId) % ChatStripes);
            slot = Math.Min(Math.Max(Math.Max(now, schedule.NextSlot), schedule.ChatNext[stripe]), now + MaxAhead);
            schedule.NextSlot = slot + interval;
            schedule.ChatNext[stripe] = slot + chatInterval;
        }
        var wait = TimeSpan.FromTicks(slot - clock.GetUtcNow().UtcTicks);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
    }

    /// <summary>The provider said "too many requests, retry after": nobody on that account sends before then.</summary>
    public void Pause(string channel, string account, TimeSpan retryAfter)
    {
        lock (gate)
        {
            if (!schedules.TryGetValue((channel, account), out var schedule)) schedules[(channel, account)] = schedule = new Schedule();
            var now = clock.GetUtcNow().UtcTicks;
            schedule.NextSlot = Math.Min(Math.Max(schedule.NextSlot, now + retryAfter.Ticks), now + MaxAhead);
        }
    }
}
