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
    /// before reading the place, so a change between the read and the wait is not missed.</summary>
    public Waiter Register(string tenant, string procedureCode, long arrival)
    {
        var room = RoomOf(tenant, procedureCode);
        var waiter = new Waiter(room, arrival);
        room.Waiters.GetOrAdd(arrival, _ => new ConcurrentDictionary<Waiter, byte>())[waiter] = 0;
        return waiter;
    }

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
            room.WakeAll(parts[3] == "sold-out" ? Woken.SoldOut : Woken.Moved);
            return;
        }
        var lists = parts[3].Split(':');
        for (var i = 1; i < lists.Length; i += 2)
        {
            // A place cut is told there is none for it, for good: its long poll answers without reading it again.
            var woken = lists[i - 1] == "cut" ? Woken.NoPlaceLeft : Woken.Moved;
            foreach (var number in lists[i].Split(',', StringSplitOptions.RemoveEmptyEntries))
                if (long.TryParse(number, out var arrival)) room.Wake(arrival, woken);
        }
    }

    /// <summary>Why a long poll was woken: its place may have moved (read it again), the room sold out, or the place was
    /// told there is none for it (both final: answered without a read, thousands at once).</summary>
    public enum Woken { Moved, SoldOut, NoPlaceLeft }

    private void WakeAll()
    {
        foreach (var room in rooms.Values) room.WakeAll();
    }

    public sealed class Room(string tenant, string procedureCode)
    {
        public string Tenant => tenant;
        public string ProcedureCode => procedureCode;
        internal ITimer? Timer;
        internal DateTimeOffset Due = DateTimeOffset.MaxValue;
        internal DateTimeOffset LastStep = DateTimeOffset.MinValue;

        public ConcurrentDictionary<long, ConcurrentDictionary<Waiter, byte>> Waiters { get; } = new();

        public void Wake(long arrival, Woken woken = Woken.Moved)
        {
            if (Waiters.TryGetValue(arrival, out var waiting))
                foreach (var waiter in waiting.Keys) waiter.Signal.TrySetResult(woken);
        }

        public void WakeAll(Woken woken = Woken.Moved)
        {
            foreach (var waiting in Waiters.Values)
                foreach (var waiter in waiting.Keys) waiter.Signal.TrySetResult(woken);
        }
    }

    public sealed class Waiter(Room room, long arrival) : IDisposable
    {
        /// <summary>Completes when the place may have changed, with why (<see cref="Woken"/>).</summary>
        public TaskCompletionSource<Woken> Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
