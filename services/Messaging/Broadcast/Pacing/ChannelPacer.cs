using Microsoft.Extensions.Options;

namespace Omnichannel.Messaging.Broadcast.Pacing;

/// <summary>
/// Keeps each account's sends under its limit as the provider counts them — by their arrival. Two rules:
/// <list type="bullet">
/// <item>Even spacing: every send takes the next slot of its (channel, account) schedule, one every
/// 1/(rate × (1 − margin)) s. A timer that fires late (a loaded machine wakes a few milliseconds after the slot) does
/// not lose the slot: while the sender keeps up, the schedule stays on its grid and the next sends catch up, up to
/// <see cref="CatchUp"/> behind; an account idle longer than that starts afresh from now (nothing saved up, no burst
/// after a pause). A chat's next message also waits its own per-chat interval.</item>
/// <item>Arrival guarantee: send n starts at least one second after send n − L has been <i>answered</i> (L = the limit
/// per second). A send arrives before its answer comes back, so L + 1 sends can never arrive within one second, however
/// the network or a loaded machine bunches them (spacing alone cannot promise that: one send held up and the next on
/// time arrive together). With answers quicker than the margin (2% of a second by default) this never slows the pace.</item>
/// </list>
/// Memory is fixed: per account a ring of L answers and 8,192 per-chat stripes (a collision only waits longer).
/// </summary>
public sealed class ChannelPacer(IOptions<BroadcastOptions> options, TimeProvider clock)
{
    private const int ChatStripes = 8192;
    /// <summary>No slot is further ahead than this: a clock set back (or a test's clock moved) must not stall sending.</summary>
    private static readonly long MaxAhead = TimeSpan.FromMinutes(10).Ticks;
    /// <summary>How far behind its grid a schedule may fall and still catch up (late timers). Longer than that, the
    /// account was idle: the grid restarts at now.</summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromMilliseconds(50);
    private readonly Dictionary<(string Channel, string Account), Schedule> schedules = [];
    private readonly Lock gate = new();

    private sealed class Schedule
    {
        public long NextSlot;
        public readonly long[] ChatNext = new long[ChatStripes];
        public long Index;
        public Task<long>?[] Answers = [];
        /// <summary>The latest answer among the sends already L behind.</summary>
        public long AnsweredFloor;
    }

    /// <summary>A send's turn: dispose it when the provider has answered (or the send was given up).</summary>
    public sealed class Turn(TimeProvider clock) : IDisposable
    {
        internal readonly TaskCompletionSource<long> Answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => Answered.TrySetResult(clock.GetUtcNow().UtcTicks);
    }

    /// <summary>Waits until this send may go on its account (and its chat); the caller disposes the turn once answered.</summary>
    public async Task<Turn> WaitTurnAsync(string channel, string account, string chatId, CancellationToken ct)
    {
        var limit = options.Value.LimitOf(channel);
        var interval = TimeSpan.FromSeconds(1 / (limit.PerSecond * (1 - options.Value.Margin))).Ticks;
        var chatInterval = TimeSpan.FromSeconds(1 / limit.PerChatPerSecond).Ticks;
        var window = Math.Max(1, (int)Math.Floor(limit.PerSecond));
        var turn = new Turn(clock);
        Task<long>? lBefore;
        long slot;
        Schedule schedule;
        lock (gate)
        {
            if (!schedules.TryGetValue((channel, account), out schedule!)) schedules[(channel, account)] = schedule = new Schedule();
            if (schedule.Answers.Length != window) schedule.Answers = new Task<long>?[window];
            var now = clock.GetUtcNow().UtcTicks;
            var stripe = (int)((uint)StringComparer.Ordinal.GetHashCode(chatId) % ChatStripes);
            // On the grid while keeping up (a late timer's lost milliseconds are caught up); afresh after idling.
            var onGrid = schedule.NextSlot >= now - CatchUp.Ticks ? schedule.NextSlot : now;
            slot = Math.Min(Math.Max(onGrid, schedule.ChatNext[stripe]), now + MaxAhead);
            schedule.NextSlot = slot + interval;
            schedule.ChatNext[stripe] = Math.Max(slot, now) + chatInterval; // a caught-up slot still goes now
            var ring = (int)(schedule.Index++ % window);
            lBefore = schedule.Answers[ring];
            schedule.Answers[ring] = turn.Answered.Task;
        }
        try
        {
            if (lBefore is not null)
            {
                var answered = await lBefore.WaitAsync(ct);
                lock (gate)
                {
                    schedule.AnsweredFloor = Math.Max(schedule.AnsweredFloor, answered);
                    var now = clock.GetUtcNow().UtcTicks;
                    slot = Math.Min(Math.Max(slot, schedule.AnsweredFloor + TimeSpan.TicksPerSecond), now + MaxAhead);
                    schedule.NextSlot = Math.Max(schedule.NextSlot, slot + interval);
                }
            }
            var wait = TimeSpan.FromTicks(slot - clock.GetUtcNow().UtcTicks);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
            return turn;
        }
        catch
        {
            turn.Dispose(); // a turn given up must not hold the sends L after it
            throw;
        }
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
