using System.Collections.Concurrent;
using Npgsql;

namespace Omnichannel.Appointments.WaitingRoom;

/// <summary>
/// Wakes the clients of this replica that wait on their turn (long polls) when the room's order moves, whichever replica
/// moved it: every admission step NOTIFYs which arrivals were admitted or lost their turn, or that the room is sold out,
/// and each replica LISTENs on one connection of its own. A client woken reads its place afresh; the others are not
/// disturbed (a crowd of thousands is not re-read at every step). Missed notices (a lost connection) wake everyone.
/// It also steps a room when its line is due to move with nobody looking (a place settled, an unused turn's end): one
/// timer per room on each replica with someone in that room, on the injected clock; replicas stepping at the same
/// instant do no harm (the step skips a room another is stepping).
/// </summary>
public sealed class WaitingRoomSignals(WaitingRoomStore store, Admitting.RoomCache cache, TimeProvider clock, ILogger<WaitingRoomSignals> logger) : BackgroundService
{
    /// <summary>Steps of one room on one replica are at least this far apart: a crowd settling over a second is stepped
    /// a few times, not once per arrival.</summary>
    public static readonly TimeSpan StepSpacing = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, Room> rooms = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done once this replica listens (tests, and the first long poll after a start).</summary>
    public Task Listening => listening.Task;

    /// <summary>A task that completes when the place <paramref name="arrival"/> of the room may have changed. Register
    /// before reading the place, so a change between the read and the wait is not missed — or, for a place whose state
    /// was read before (a join's own answer), pass <paramref name="heardBefore"/> (<see cref="Heard"/> taken before that
    /// read): a notice heard since then that names the place, or wakes everyone, completes the waiter at once.</summary>
    public Waiter Register(string tenant, string procedureCode, long arrival, long? heardBefore = null)
    {
        var room = RoomOf(tenant, procedureCode);
        var waiter = new Waiter(room, arrival);
        room.Waiters.GetOrAdd(arrival, _ => new ConcurrentDictionary<Waiter, byte>())[waiter] = 0;
        // After adding the waiter: a notice logged later wakes it; one logged earlier is found here (Room.Log's lock).
        if (heardBefore is { } since && room.NamedSince(since, arrival) is { } soldOut) waiter.Signal.TrySetResult(soldOut);
        return waiter;
    }

    /// <summary>How many notices of the room this replica has heard (a mark for <see cref="Register"/>'s <c>heardBefore</c>).
    /// A join takes it before going in line: every step that could change its new place commits after the join does, so
    /// its notice is heard after the mark — and a waiting join need not read its place again after registering its long
    /// poll (a read per waiting join, the crowd's first 400 or so, 0.17 s each in the seventh round's quiet run).</summary>
    public long Heard(string tenant, string procedureCode) => RoomOf(tenant, procedureCode).Heard;

    /// <summary>How many long polls of the room wait on this replica (tests: a clock moved before they are in would
    /// step the room without them, and they would then wait for a notice that has gone).</summary>
    internal int Waiting(string tenant, string procedureCode) => RoomOf(tenant, procedureCode).Waiters.Values.Sum(w => w.Count);

    private Room RoomOf(string tenant, string procedureCode) => rooms.GetOrAdd($"{tenant}/{procedureCode}", _ => new Room(tenant, procedureCode));

    /// <summary>Makes sure this replica steps the room at <paramref name="due"/> (or sooner, if already due sooner).</summary>
    public void StepAt(string tenant, string procedureCode, DateTimeOffset due)
    {
        var room = RoomOf(tenant, procedureCode);
        lock (room)
        {
            var now = clock.GetUtcNow();
            if (due < room.LastStep + StepSpacing) due = room.LastStep + StepSpacing;
            if (room.Timer is not null && room.Due <= due) return;
            room.Due = due;
            // Never zero: a timer due at once would run inside this lock.
            var delay = due - now > TimeSpan.FromMilliseconds(1) ? due - now : TimeSpan.FromMilliseconds(1);
            if (room.Timer is null) room.Timer = clock.CreateTimer(_ => _ = StepAsync(room), null, delay, Timeout.InfiniteTimeSpan);
            else room.Timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task StepAsync(Room room)
    {
        lock (room)
        {
            room.Timer?.Dispose();
            room.Timer = null;
            room.Due = DateTimeOffset.MaxValue;
            room.LastStep = clock.GetUtcNow();
        }
        try
        {
            await store.PromoteAsync(room.Tenant, room.ProcedureCode, clock.GetUtcNow(), CancellationToken.None);
            if (await store.RoomAsync(room.Tenant, room.ProcedureCode, CancellationToken.None) is { IsOpen: true, NextCheckAt: { } next })
                StepAt(room.Tenant, room.ProcedureCode, next);
        }
        catch (Exception e)
        {
            // The next look at a turn past the room's next check steps it instead.
            logger.LogWarning(e, "A waiting room's timed step failed.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await store.DataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Dispatch(e.Payload);
                await using (var listen = new NpgsqlCommand($"listen {WaitingRoomSql.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                listening.TrySetResult();
                WakeAll(); // anything that happened while not listening
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The waiting room's listener lost its connection; listening again.");
                WakeAll();
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>"tenant/procedure/revision/sold-out", "…/admitted:1,2:expired:3", "…/refused:4,5", "…/cut:6,7" (places
    /// told there is none for them, in as many notices as the list needs: only they re-read — a crowd's cut woke every
    /// long poll of the room, which all read their place again and came back); "…/moved" (a list too long for a notice)
    /// and "…/cut" without a list (an older replica) wake everyone.</summary>
    internal void Dispatch(string payload)
    {
        var parts = payload.Split('/', 4);
        if (parts.Length != 4) return;
        if (parts[3] == "sold-out") cache.Forget(parts[0], parts[1]);
        if (!rooms.TryGetValue($"{parts[0]}/{parts[1]}", out var room)) return;
        if (parts[3] is "sold-out" or "cut" or "moved")
        {
            room.Log(null, soldOut: parts[3] == "sold-out");
            room.WakeAll(soldOut: parts[3] == "sold-out");
            return;
        }
        var arrivals = new List<long>();
        foreach (var number in parts[3].Split(':').Where((_, i) => i % 2 == 1).SelectMany(list => list.Split(',', StringSplitOptions.RemoveEmptyEntries)))
            if (long.TryParse(number, out var arrival)) arrivals.Add(arrival);
        room.Log([.. arrivals], soldOut: false);
        foreach (var arrival in arrivals) room.Wake(arrival);
    }

    private void WakeAll()
    {
        foreach (var room in rooms.Values)
        {
            room.Log(null, soldOut: false);
            room.WakeAll();
        }
    }

    public sealed class Room(string tenant, string procedureCode)
    {
        public string Tenant => tenant;
        public string ProcedureCode => procedureCode;
        internal ITimer? Timer;
        internal DateTimeOffset Due = DateTimeOffset.MaxValue;
        internal DateTimeOffset LastStep = DateTimeOffset.MinValue;

        public ConcurrentDictionary<long, ConcurrentDictionary<Waiter, byte>> Waiters { get; } = new();

        /// <summary>The last notices heard, numbered (arrivals named; null: everyone). Enough for the joins in line at
        /// once; a mark older than the log is answered "may have changed" (the place is read again, as before).</summary>
        private readonly Queue<(long Number, long[]? Arrivals, bool SoldOut)> notices = new();
        private long heard;
        internal const int LogLength = 1024;

        internal long Heard
        {
            get { lock (notices) return heard; }
        }

        /// <summary>Logged before its waiters are woken (see <see cref="WaitingRoomSignals.Register"/>).</summary>
        internal void Log(long[]? arrivals, bool soldOut)
        {
            lock (notices)
            {
                notices.Enqueue((++heard, arrivals, soldOut));
                while (notices.Count > LogLength) notices.Dequeue();
            }
        }

        /// <summary>Whether a notice heard after mark <paramref name="since"/> named <paramref name="arrival"/> (or
        /// everyone): true when one said the room sold out, false when the place may otherwise have changed, null when none did.</summary>
        internal bool? NamedSince(long since, long arrival)
        {
            lock (notices)
            {
                if (heard <= since) return null;
                if (notices.Count == 0 || notices.Peek().Number > since + 1) return false;
                bool? named = null;
                foreach (var (number, arrivals, soldOut) in notices)
                    if (number > since && (arrivals is null || Array.IndexOf(arrivals, arrival) >= 0))
                        named = soldOut || named == true;
                return named;
            }
        }

        public void Wake(long arrival)
        {
            if (Waiters.TryGetValue(arrival, out var waiting))
                foreach (var waiter in waiting.Keys) waiter.Signal.TrySetResult(false);
        }

        public void WakeAll(bool soldOut = false)
        {
            foreach (var waiting in Waiters.Values)
                foreach (var waiter in waiting.Keys) waiter.Signal.TrySetResult(soldOut);
        }
    }

    public sealed class Waiter(Room room, long arrival) : IDisposable
    {
        /// <summary>Completes with true when the room sold out (the answer needs no read), false when the place may have moved.</summary>
        public TaskCompletionSource<bool> Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose()
        {
            if (room.Waiters.TryGetValue(arrival, out var waiting))
            {
                waiting.TryRemove(this, out _);
                if (waiting.IsEmpty) room.Waiters.TryRemove(new KeyValuePair<long, ConcurrentDictionary<Waiter, byte>>(arrival, waiting));
            }
        }
    }
}
