using System.Diagnostics;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Reliability;

namespace Omnichannel.Appointments.WaitingRoom.Joining;

/// <summary>
/// Puts joins in line, grouped: the joins of one room that reach this replica together go to the database as one
/// statement in one transaction (<see cref="WaitingRoomStore.JoinManyAsync"/>), in the order the gateway received them.
/// A crowd's joins each paid a transaction of their own — a commit's flush (<c>LWLock:WALWrite</c>, the largest wait of
/// the sixth round's quiet run) and a pooled connection, which a bot's ten identities held while queued one behind the
/// other on their client's advisory lock (<c>Lock:advisory</c>, the next). No timer: a batch takes whatever is queued
/// when it starts, so a lone join goes at once; at most <see cref="WaitingRoomOptions.JoinsInFlight"/> batches of a room
/// run at once on a replica, and what arrives meanwhile goes in the next. Each join still gets its own answer; a batch
/// that fails is put in line again one join at a time (<see cref="GroupedCalls{TKey,TItem,TResult}"/>), so one join's
/// trouble is its own.
/// </summary>
public sealed class JoinLine
{
    private readonly WaitingRoomStore store;
    private readonly GroupedCalls<(string Tenant, string Procedure), JoinItem, JoinedRow> grouped;
    private readonly ILogger<JoinLine> logger;

    /// <summary>Places this replica put in each window's line, and how many it had when its statistics were last refreshed.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, int), (long Joined, long Analyzed)> windows = new();
    private int analyzing;

    public JoinLine(WaitingRoomStore store, IOptions<WaitingRoomOptions> options, TimeProvider clock, ILogger<JoinLine> logger)
    {
        this.store = store;
        this.logger = logger;
        var settings = options.Value;
        grouped = new((room, joins) =>
        {
            var started = Stopwatch.GetTimestamp();
            // The batch's own instant: what has settled, and whether the window is open, as of when it runs.
            var result = store.JoinManyAsync(room.Tenant, room.Procedure, clock.GetUtcNow(), settings.MaxPositionsPerDevice, joins, CancellationToken.None);
            return Timed(room, result, started);
        }, settings.JoinBatch, settings.JoinsInFlight) { Batched = WaitingRoomTimings.Batched };
    }

    private async Task<IReadOnlyList<JoinedRow>> Timed((string Tenant, string Procedure) room, Task<IReadOnlyList<JoinedRow>> batch, long started)
    {
        var rows = await batch;
        WaitingRoomTimings.Record("join statement", started);
        if (rows.FirstOrDefault(r => r.Room is not null)?.Room is { } read) Counted(room, read.Revision, rows.Count(r => r.Outcome == "joined"));
        return rows;
    }

    /// <summary>The planner's statistics are refreshed each time a window's line doubles on this replica (at 100, 200,
    /// 400… places): a crowd's room grows from nothing faster than autovacuum looks (see <see cref="WaitingRoomStore.AnalyzeAsync"/>),
    /// and a few refreshes per crowd keep every join's reads on the right index. One at a time, beside the joins.</summary>
    private void Counted((string Tenant, string Procedure) room, int revision, int joined)
    {
        if (joined == 0) return;
        var now = windows.AddOrUpdate((room.Tenant, room.Procedure, revision), (joined, 0), (_, w) => (w.Joined + joined, w.Analyzed));
        if (now.Joined < Math.Max(100, 2 * now.Analyzed) || Interlocked.CompareExchange(ref analyzing, 1, 0) != 0) return;
        windows[(room.Tenant, room.Procedure, revision)] = (now.Joined, now.Joined);
        _ = Task.Run(async () =>
        {
            try
            {
                await store.AnalyzeAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The waiting room's statistics could not be refreshed.");
            }
            finally
            {
                Volatile.Write(ref analyzing, 0);
            }
        });
    }

    /// <summary>Puts <paramref name="join"/> in line with whatever joins of the room are queued with it, and answers its
    /// place (see <see cref="WaitingRoomStore.PlaceOfAsync"/>).</summary>
    public async Task<(EntryRow? Entry, string Outcome)> JoinAsync(string tenant, string procedureCode, JoinItem join, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var joined = await grouped.CallAsync((tenant, procedureCode), join);
        WaitingRoomTimings.Record("join", started);
        return await store.PlaceOfAsync(tenant, join.CitizenId, joined, ct);
    }
}
