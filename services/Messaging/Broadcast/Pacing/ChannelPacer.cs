using Microsoft.Extensions.Options;

namespace Omnichannel.Messaging.Broadcast.Pacing;

/// <summary>
/// Keeps each account's sends under its limit as the provider counts them — by their arrival. Two rules:
/// <list type="bullet">
/// <item>Even spacing: every send takes the next slot of its (channel, account) schedule, one every
/// 1/(rate × (1 − margin)) s. A timer that fires late (a loaded machine wakes a few milliseconds after the slot) does
/// not lose the slot: while the sender keeps up, the schedule stays on its grid and the next sends catch up, up to
/// <see cref="CatchUp"/> behind; an account idle longer than that starts afresh from now (nothing saved up, no burst
/// after a pause). A chat's next message also waits its own per-chat interval, without holding the account's other
/// sends (the arrival guarantee below still bounds any second).</item>
/// <item>Arrival guarantee: send n starts at least one second after send n − L has been <i>answered</i> (L = the limit
/// per second). A send arrives before its answer comes back, so L + 1 sends can never arrive within one second, however
/// the network or a loaded machine bunches them (spacing alone cannot promise that: one send held up and the next on
/// time arrive together). With answers quicker than the margin (1% of a second by default) this never slows the pace;
/// a send it holds waits alone, and the sends after it catch up on the grid (within <see cref="CatchUp"/>), each under
/// the same rule — the rule holds by itself, whatever the grid does.</item>
/// </list>
/// Memory is bounded: per account a ring of L answers and the chats sent to within the last per-chat interval (about
/// L of them). The chats are tracked exactly: the 8,192 hashed stripes this replaced made one alert send in 30 wait up
/// to a second for a different chat sharing its stripe — at 300/s that held the account near 95/s.
/// </summary>
public sealed class ChannelPacer(IOptions<BroadcastOptions> options, TimeProvider clock)
{
    public const string MeterName = "Omnichannel.Messaging.Broadcast";

    /// <summary>Where an alert's pace goes (ms): a send's answer time (turn given → provider answered), how long the
    /// arrival rule held a send past its grid slot, how late its timer fired, each page's claim and record. The alert
    /// benchmark prints it.</summary>
    public static readonly Omnichannel.BuildingBlocks.Telemetry.PhaseMeter Timings =
        new(MeterName, "messaging.broadcast.phase", "An alert's sends and pages, by phase");

    /// <summary>No slot is further ahead than this: a clock set back (or a test's clock moved) must not stall sending.</summary>
    private static readonly long MaxAhead = TimeSpan.FromMinutes(10).Ticks;
    /// <summary>How far behind its grid a schedule may fall and still catch up (late timers, a loaded machine's stalls:
    /// at 300/s a third of the stalls that lost their slots for good at 50 ms were 100–400 ms). Longer than that, the
    /// account was idle: the grid restarts at now. Catching up sends a short burst; the arrival rule still bounds every
    /// second.</summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromMilliseconds(500);
    /// <summary>The pacer's time: the clock's monotonic timestamps (a wall clock set forward must not open a second to
    /// L + 1 sends, nor one set back stall them), from a day in, so the zeroed fields of a new schedule read "long ago".</summary>
    private readonly long origin = clock.GetTimestamp() - clock.TimestampFrequency * 86_400;

    private long Now() => clock.GetElapsedTime(origin).Ticks;
    private readonly Dictionary<(string Channel, string Account), Schedule> schedules = [];
    private readonly Lock gate = new();

    private sealed class Schedule
    {
        public long NextSlot;
        /// <summary>When each recent chat may be sent to again; entries expire in the order they were written.</summary>
        public readonly Dictionary<string, long> ChatNext = new(StringComparer.Ordinal);
        public readonly Queue<(string Chat, long Until)> ChatExpiry = new();
        public long Index;
        public Task<long>?[] Answers = [];
        /// <summary>The latest answer among the sends already L behind.</summary>
        public long AnsweredFloor;
    }

    /// <summary>A send's turn: dispose it when the provider has answered (or the send was given up).</summary>
    public sealed class Turn : IDisposable
    {
        private readonly ChannelPacer pacer;
        internal Turn(ChannelPacer pacer) => this.pacer = pacer;

        internal readonly TaskCompletionSource<long> Answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        internal long Given;

        public void Dispose()
        {
            var now = pacer.Now();
            if (Answered.TrySetResult(now) && Given != 0) Timings.Record("answer", TimeSpan.FromTicks(now - Given).TotalMilliseconds);
        }
    }

    /// <summary>Waits until this send may go on its account (and its chat); the caller disposes the turn once answered.</summary>
    public async Task<Turn> WaitTurnAsync(string channel, string account, string chatId, CancellationToken ct)
    {
        var limit = options.Value.LimitOf(channel);
        var interval = TimeSpan.FromSeconds(1 / (limit.PerSecond * (1 - options.Value.Margin))).Ticks;
        var chatInterval = TimeSpan.FromSeconds(1 / limit.PerChatPerSecond).Ticks;
        var window = Math.Max(1, (int)Math.Floor(limit.PerSecond));
        var turn = new Turn(this);
        Task<long>? lBefore;
        long slot, gridSlot;
        Schedule schedule;
        lock (gate)
        {
            if (!schedules.TryGetValue((channel, account), out schedule!)) schedules[(channel, account)] = schedule = new Schedule();
            if (schedule.Answers.Length != window) schedule.Answers = new Task<long>?[window];
            var now = Now();
            ForgetChatsFreeBy(schedule, now);
            // On the grid while keeping up (a late timer's lost milliseconds are caught up); afresh after idling.
            var onGrid = schedule.NextSlot >= now - CatchUp.Ticks ? schedule.NextSlot : now;
            if (onGrid == now && now - schedule.NextSlot < 2 * CatchUp.Ticks)
                Timings.Record("fell behind", TimeSpan.FromTicks(now - schedule.NextSlot).TotalMilliseconds); // time lost (longer: idle)
            gridSlot = Math.Min(onGrid, now + MaxAhead);
            schedule.NextSlot = gridSlot + interval;
            // A send waiting for its own chat goes later on its own; the account's next sends keep the grid.
            slot = Math.Min(Math.Max(gridSlot, schedule.ChatNext.GetValueOrDefault(chatId)), now + MaxAhead);
            var chatFree = Math.Max(slot, now) + chatInterval; // a caught-up slot still goes now
            schedule.ChatNext[chatId] = chatFree;
            schedule.ChatExpiry.Enqueue((chatId, chatFree));
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
                    var now = Now();
                    var floor = schedule.AnsweredFloor + TimeSpan.TicksPerSecond;
                    var paced = Math.Max(slot, now);
                    slot = Math.Min(Math.Max(slot, floor), now + MaxAhead);
                    // Only this send waits: the grid keeps its slots and the sends after it catch up (each still under its
                    // own rule). Moving the grid to the held slot lost every hold for good: 2–3 % of the pace at 300/s.
                    if (slot > paced) Timings.Record("held", TimeSpan.FromTicks(slot - paced).TotalMilliseconds);
                }
            }
            // Never before the slot: a timer may fire up to a few milliseconds early (it counts the coarse tick), and
            // one early send right at its floor breaks the arrival rule (a run at 300/s and margin 0.005 measured 301 in a second).
            for (var wait = slot - Now(); wait > 0; wait = slot - Now())
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(TimeSpan.FromTicks(wait).TotalMilliseconds)), clock, ct);
            turn.Given = Now();
            if (turn.Given > slot) Timings.Record("late", TimeSpan.FromTicks(turn.Given - slot).TotalMilliseconds);
            return turn;
        }
        catch
        {
            turn.Dispose(); // a turn given up must not hold the sends L after it
            throw;
        }
    }

    /// <summary>Chats whose interval is over need no entry: the map holds only the last interval's chats.</summary>
    private static void ForgetChatsFreeBy(Schedule schedule, long now)
    {
        while (schedule.ChatExpiry.TryPeek(out var entry) && entry.Until <= now)
        {
            schedule.ChatExpiry.Dequeue();
            // A later send to the same chat wrote a later time: that one stays.
            if (schedule.ChatNext.TryGetValue(entry.Chat, out var until) && until == entry.Until) schedule.ChatNext.Remove(entry.Chat);
        }
    }

    /// <summary>The provider said "too many requests, retry after": nobody on that account sends before then.</summary>
    public void Pause(string channel, string account, TimeSpan retryAfter)
    {
        lock (gate)
        {
            if (!schedules.TryGetValue((channel, account), out var schedule)) schedules[(channel, account)] = schedule = new Schedule();
            var now = Now();
            schedule.NextSlot = Math.Min(Math.Max(schedule.NextSlot, now + retryAfter.Ticks), now + MaxAhead);
        }
    }
}
