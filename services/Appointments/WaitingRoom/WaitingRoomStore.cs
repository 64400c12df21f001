using System.Collections.Concurrent;
using Marten;
using Npgsql;

namespace Omnichannel.Appointments.WaitingRoom;

/// <summary>A room as stored: one per council and procedure; <see cref="Revision"/> grows with each window opened.</summary>
public sealed record RoomRow(string ProcedureCode, int Revision, string? OfficeId, DateOnly FirstDay, DateOnly LastDay, DateTimeOffset OpensAt,
    int Places, int PlacesLeft, int AdmitAtOnce, int AdmissionSeconds, string State, DateTimeOffset? NextCheckAt, double? TurnMs, DateTimeOffset? SoldOutAt,
    int Standby = 0, int SettleMs = 0)
{
    public bool IsOpen => State == "open";
}

/// <summary>One client's place and what it needs to see its turn.</summary>
public sealed record EntryRow(Guid EntryId, Guid CitizenId, long Arrival, int Revision, string State, DateTimeOffset? AdmittedUntil, long Ahead, RoomRow Room);

/// <summary>One join of a batch: the new place's id, who for, which client and device, when the gateway received it,
/// whether the citizen is known to exist already, and how many places its client may hold.</summary>
public sealed record JoinItem(Guid EntryId, Guid CitizenId, string Client, string? Device, DateTimeOffset ArrivedAt, bool KnownCitizen, int MaxPerClient);

/// <summary>What the join answered for one item: its outcome (<c>joined</c>, <c>again</c>, <c>refused</c>,
/// <c>too-many-positions</c>, <c>unknown-citizen</c>, <c>no-room</c>, or the room's state), the place and, for a new place,
/// its state and the places waiting ahead of it; with the room as read right after the batch.</summary>
public sealed record JoinedRow(string Outcome, Guid? EntryId, long Arrival, int Revision, string? State, long? Ahead, RoomRow? Room);

/// <summary>The waiting room's reads and writes: plain SQL on the service's database (see <see cref="WaitingRoomSql"/>).</summary>
public sealed class WaitingRoomStore(IDocumentStore store, IConfiguration configuration) : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(configuration.GetConnectionString("Postgres")
        ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set."));

    internal NpgsqlDataSource DataSource => dataSource;

    private string S => store.Options.DatabaseSchemaName;

    /// <summary>Creates or updates the tables and functions; replicas starting together take turns (advisory lock).</summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended('waiting-room/schema', 0))", connection, tx))
            await lockCommand.ExecuteNonQueryAsync(ct);
        await using (var command = new NpgsqlCommand(WaitingRoomSql.Schema(S), connection, tx))
            await command.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>A room's columns, its places left and average turn from its places booked (<c>b</c>: every read of a room
    /// joins <see cref="RoomBookings"/>; the room's row no longer counts bookings, see <c>waiting_room_bookings</c>).</summary>
    private const string RoomColumns = "r.procedure_code, r.revision, r.office_id, r.first_day, r.last_day, r.opens_at, r.places, greatest(r.places_left - b.booked, 0), r.admit_at_once, r.admission_seconds, r.state, r.next_check_at, coalesce(b.turn_ms, r.turn_ms), r.sold_out_at, r.standby, r.settle_ms";

    private string RoomBookings => $"cross join lateral {S}.waiting_room_bookings(r.tenant_id, r.procedure_code, r.revision) b";

    private static RoomRow ReadRoom(NpgsqlDataReader r, int at) => new(r.GetString(at), r.GetInt32(at + 1), r.IsDBNull(at + 2) ? null : r.GetString(at + 2),
        r.GetFieldValue<DateOnly>(at + 3), r.GetFieldValue<DateOnly>(at + 4), r.GetFieldValue<DateTimeOffset>(at + 5), r.GetInt32(at + 6), r.GetInt32(at + 7),
        r.GetInt32(at + 8), r.GetInt32(at + 9), r.GetString(at + 10), r.IsDBNull(at + 11) ? null : r.GetFieldValue<DateTimeOffset>(at + 11),
        r.IsDBNull(at + 12) ? null : r.GetDouble(at + 12), r.IsDBNull(at + 13) ? null : r.GetFieldValue<DateTimeOffset>(at + 13), r.GetInt32(at + 14), r.GetInt32(at + 15));

    /// <summary>Opens (or re-schedules) a room's booking window: a new revision, so places of an earlier window do not count.</summary>
    public async Task<RoomRow> ScheduleAsync(string tenant, string procedureCode, string? officeId, DateOnly firstDay, DateOnly lastDay, DateTimeOffset opensAt,
        int places, int admitAtOnce, int admissionSeconds, DateTimeOffset now, CancellationToken ct, int standby = 0, int settleMs = 0)
    {
        await using var command = dataSource.CreateCommand($"""
            with r as (insert into {S}.waiting_rooms as r (tenant_id, procedure_code, revision, office_id, first_day, last_day, opens_at, places, places_left, admit_at_once, admission_seconds, state, next_check_at, standby, settle_ms)
            values ($1, $2, 1, $3, $4, $5, $6, $7, $7, $8, $9, 'open', $6, $10, $11)
            on conflict (tenant_id, procedure_code) do update set revision = r.revision + 1, office_id = excluded.office_id, first_day = excluded.first_day,
                last_day = excluded.last_day, opens_at = excluded.opens_at, places = excluded.places, places_left = excluded.places_left,
                admit_at_once = excluded.admit_at_once, admission_seconds = excluded.admission_seconds, state = 'open', next_check_at = excluded.opens_at,
                turn_ms = null, sold_out_at = null, standby = excluded.standby, settle_ms = excluded.settle_ms
            returning *)
            select {RoomColumns} from r {RoomBookings}
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = procedureCode });
        command.Parameters.Add(new() { Value = (object?)officeId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = firstDay });
        command.Parameters.Add(new() { Value = lastDay });
        command.Parameters.Add(new() { Value = opensAt.ToUniversalTime() });
        command.Parameters.Add(new() { Value = places });
        command.Parameters.Add(new() { Value = admitAtOnce });
        command.Parameters.Add(new() { Value = admissionSeconds });
        command.Parameters.Add(new() { Value = standby });
        command.Parameters.Add(new() { Value = settleMs });
        RoomRow room;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            room = ReadRoom(reader, 0);
        }
        await PromoteAsync(tenant, procedureCode, now, ct);
        return room;
    }

    public async Task<RoomRow?> RoomAsync(string tenant, string procedureCode, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select {RoomColumns} from {S}.waiting_rooms r {RoomBookings} where r.tenant_id = $1 and r.procedure_code = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = procedureCode });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadRoom(reader, 0) : null;
    }

    /// <summary>Puts the joins that came together in line, in one round trip and one transaction (one commit), in the
    /// order the gateway received them, and reads the room after them: one answer per join, in <paramref name="joins"/>'
    /// order (<see cref="WaitingRoomSql"/>'s <c>waiting_room_join_many</c>). Each citizen not known to exist already
    /// (remembered, or the directory said so) is looked up in this service's <see cref="Booking.KnownCitizen"/> in the
    /// same statement; one not there takes no place and answers <c>unknown-citizen</c>.</summary>
    public async Task<IReadOnlyList<JoinedRow>> JoinManyAsync(string tenant, string procedureCode, DateTimeOffset now, int maxPerDevice,
        IReadOnlyList<JoinItem> joins, CancellationToken ct)
    {
        var opening = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        WaitingRoomTimings.Record("join connection", opening);
        await using var batch = new NpgsqlBatch(connection);
        // Marten's table of the document (the schema is the service's; documents are tenant-conjoined).
        var known = $"{S}.mt_doc_{nameof(Booking.KnownCitizen).ToLowerInvariant()}";
        var join = new NpgsqlBatchCommand($"""
            select idx, entry_id, arrival, outcome, revision, state, ahead from {S}.waiting_room_join_many($1, $2, $3, $4, $5, $6, $7, $8, $9,
                array(select p.known or exists (select 1 from {known} k where k.tenant_id = $1 and k.id = p.citizen)
                        from unnest($6::uuid[], $10::boolean[]) with ordinality as p(citizen, known, n) order by p.n), $11)
            """);
        join.Parameters.Add(new() { Value = tenant });
        join.Parameters.Add(new() { Value = procedureCode });
        join.Parameters.Add(new() { Value = now.ToUniversalTime() });
        join.Parameters.Add(new() { Value = maxPerDevice });
        join.Parameters.Add(new() { Value = joins.Select(j => j.EntryId).ToArray() });
        join.Parameters.Add(new() { Value = joins.Select(j => j.CitizenId).ToArray() });
        join.Parameters.Add(new() { Value = joins.Select(j => j.Client).ToArray() });
        join.Parameters.Add(new() { Value = joins.Select(j => j.Device).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        join.Parameters.Add(new() { Value = joins.Select(j => j.ArrivedAt.ToUniversalTime()).ToArray() });
        join.Parameters.Add(new() { Value = joins.Select(j => j.KnownCitizen).ToArray() });
        join.Parameters.Add(new() { Value = joins.Select(j => j.MaxPerClient).ToArray() });
        batch.BatchCommands.Add(join);
        var read = new NpgsqlBatchCommand($"select {RoomColumns} from {S}.waiting_rooms r {RoomBookings} where r.tenant_id = $1 and r.procedure_code = $2");
        read.Parameters.Add(new() { Value = tenant });
        read.Parameters.Add(new() { Value = procedureCode });
        batch.BatchCommands.Add(read);
        var rows = new JoinedRow?[joins.Count];
        RoomRow? room = null;
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                rows[reader.GetInt32(0) - 1] = new JoinedRow(reader.GetString(3), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2),
                    reader.IsDBNull(4) ? 0 : reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), null);
            await reader.NextResultAsync(ct);
            if (await reader.ReadAsync(ct)) room = ReadRoom(reader, 0);
        }
        return rows.Select(r => (r ?? throw new InvalidOperationException("The waiting room's join answered no row for a join.")) with { Room = room }).ToList();
    }

    /// <summary>Refreshes the planner's statistics of the room's places. A crowd fills a room from nothing in seconds,
    /// long before autovacuum looks: with statistics from before it (or none), PostgreSQL believes the room's places are
    /// a handful and reads a citizen's place, or a client's, through any index on (council, procedure, window) and a
    /// filter — every place of the room for each join, O(n²) for the crowd (measured: 1.7 ms a join at 3,600 places,
    /// 0.01 ms after). A few milliseconds for a few thousand rows; it takes no lock that writers wait for.</summary>
    public async Task AnalyzeAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"analyze {S}.waiting_room_entries");
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The place a join took (or held already), as a complete <see cref="EntryRow"/> when the join answered its
    /// state and position itself (a new place: nothing ahead of it is counted twice); otherwise read afresh (a place held
    /// already, or one a step may have just let in). Null with the outcome when the join took no place.</summary>
    public async Task<(EntryRow? Entry, string Outcome)> PlaceOfAsync(string tenant, Guid citizenId, JoinedRow joined, CancellationToken ct)
    {
        if (joined.Outcome is not ("joined" or "again") || joined.EntryId is not { } id) return (null, joined.Outcome);
        if (joined is { Outcome: "joined", State: { } state, Ahead: { } ahead, Room: { } room })
            return (new EntryRow(id, citizenId, joined.Arrival, joined.Revision, state, null, ahead, room), joined.Outcome);
        return (await EntryAsync(tenant, id, ct), joined.Outcome);
    }

    /// <summary>A place with its room and, while it waits, how many still wait ahead of it (an index range count: no more
    /// than the places left and the standby wait once the line has settled, the others having been told there is none
    /// for them; and counted no further than the room's reach, <see cref="WaitingRoomSql.PositionsCounted"/>, while a
    /// crowd settles); once admitted, how many admitted and not yet booked are ahead of it (its rank, for
    /// <see cref="Admitting.AdmittedSlots"/>). <paramref name="position"/> false: a waiting place's position is not counted (<c>Ahead</c> 0) — a long poll's first
    /// look only needs to know whether to wait, and counts the position when it answers.</summary>
    public async Task<EntryRow?> EntryAsync(string tenant, Guid entryId, CancellationToken ct, bool position = true)
    {
        await using var command = dataSource.CreateCommand(EntrySql("e.entry_id = $1 and e.tenant_id = $2", position));
        command.Parameters.Add(new() { Value = entryId });
        command.Parameters.Add(new() { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadEntry(reader) : null;
    }

    private string EntrySql(string where, bool position = true) => $"""
        select e.entry_id, e.citizen_id, e.arrival, e.revision, e.state, e.admitted_until,
               case when e.state in ({(position ? "'waiting', " : "")}'admitted') then (select count(*) from (select 1 from {S}.waiting_room_entries w where w.tenant_id = e.tenant_id and w.procedure_code = e.procedure_code
                  and w.revision = e.revision and w.state = e.state and (w.arrived_at, w.arrival) < (e.arrived_at, e.arrival)
                  limit case when e.state = 'waiting' then {WaitingRoomSql.PositionsCountedRead} end) w) else 0 end,
               {RoomColumns}
        from {S}.waiting_room_entries e join {S}.waiting_rooms r on r.tenant_id = e.tenant_id and r.procedure_code = e.procedure_code {RoomBookings}
        where {where}
        """;

    /// <summary>How many admitted and not yet booked are ahead of an admitted place (its rank, as <see cref="EntryAsync"/>
    /// counts it), read after this call began: from the room's admitted places in order, one read shared by every client
    /// of the room asking at once on this replica (a step admits a few hundred together, who all ask within a moment; one
    /// count each queued them behind each other). A place no longer admitted is counted on its own.</summary>
    public async Task<long> AdmittedAheadAsync(string tenant, EntryRow entry, CancellationToken ct)
    {
        var asked = System.Diagnostics.Stopwatch.GetTimestamp();
        var key = (tenant, entry.Room.ProcedureCode, entry.Revision);
        var line = admittedLines.AddOrUpdate(key, _ => AdmittedLine(key),
            (_, known) => known.ReadFrom >= asked && !known.Arrivals.Value.IsFaulted ? known : AdmittedLine(key));
        var arrivals = await line.Arrivals.Value.WaitAsync(ct);
        var rank = Array.IndexOf(arrivals, entry.Arrival);
        return rank >= 0 ? rank : await AdmittedAheadAsync(tenant, entry.EntryId, ct);
    }

    private AdmittedLineRead AdmittedLine((string Tenant, string ProcedureCode, int Revision) room) =>
        new(System.Diagnostics.Stopwatch.GetTimestamp(), new Lazy<Task<long[]>>(() => AdmittedArrivalsAsync(room.Tenant, room.ProcedureCode, room.Revision)));

    /// <summary>A read of a room's admitted places begun at <c>ReadFrom</c> (a timestamp), shared until someone asks after it.</summary>
    private sealed record AdmittedLineRead(long ReadFrom, Lazy<Task<long[]>> Arrivals);

    private readonly ConcurrentDictionary<(string, string, int), AdmittedLineRead> admittedLines = new();

    private async Task<long[]> AdmittedArrivalsAsync(string tenant, string procedureCode, int revision)
    {
        await using var command = dataSource.CreateCommand($"""
            select arrival from {S}.waiting_room_entries where tenant_id = $1 and procedure_code = $2 and revision = $3 and state = 'admitted'
             order by arrived_at, arrival
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = procedureCode });
        command.Parameters.Add(new() { Value = revision });
        var arrivals = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        while (await reader.ReadAsync(CancellationToken.None)) arrivals.Add(reader.GetInt64(0));
        return [.. arrivals];
    }

    /// <summary>How many admitted and not yet booked are ahead of an admitted place, counted for that place alone.</summary>
    public async Task<long> AdmittedAheadAsync(string tenant, Guid entryId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select count(*) from {S}.waiting_room_entries e join {S}.waiting_room_entries w on w.tenant_id = e.tenant_id and w.procedure_code = e.procedure_code
                and w.revision = e.revision and w.state = 'admitted' and (w.arrived_at, w.arrival) < (e.arrived_at, e.arrival)
             where e.entry_id = $1 and e.tenant_id = $2
            """);
        command.Parameters.Add(new() { Value = entryId });
        command.Parameters.Add(new() { Value = tenant });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static EntryRow ReadEntry(NpgsqlDataReader reader) => new(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt64(6), ReadRoom(reader, 7));

    public Task<string?> PromoteAsync(string tenant, string procedureCode, DateTimeOffset now, CancellationToken ct)
    {
        var held = Held(tenant, procedureCode, now);
        return ScalarAsync($"select {S}.waiting_room_promote($1, $2, $3, $4, $5, $6)", ct, tenant, procedureCode, now,
            (object?)held.From ?? DBNull.Value, held.Clients.Keys.ToArray(), held.Clients.Values.Select(at => at.ToUniversalTime()).ToArray());
    }

    /// <summary>Joins this replica is still putting in line, by the instant the gateway received them and the client
    /// (and device) that sent them. A crowd's joins are put in line some time after they reached the gateway (hundreds of
    /// milliseconds to seconds when thousands come at once); were the room to let in the settled places meanwhile, one
    /// that reached the gateway earlier but was inserted later would find those behind it already admitted. So a step here
    /// lets in no one who arrived after a join still on its way, and holds back a place of the same client or device as
    /// a join on its way stamped within its settling second (a bot's late identity, which may yet refuse it) — for at
    /// most <see cref="MaxHold"/>, so a stuck join does not stop the room.</summary>
    public IDisposable Arriving(string tenant, string procedureCode, DateTimeOffset arrivedAt, string client, string? device)
    {
        var joins = arriving.GetOrAdd((tenant, procedureCode), _ => new ConcurrentDictionary<Arrival, (DateTimeOffset, string, string?)>());
        var arrival = new Arrival(joins);
        joins[arrival] = (arrivedAt, client, device);
        return arrival;
    }

    /// <summary>How long a join on its way holds back those who arrived after it, at most.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(5);

    /// <summary>The earliest arrival still on its way to the line on this replica (within <see cref="MaxHold"/>), if any;
    /// and the earliest per client and per device, as one list (a device is named <c>device:</c>…, as
    /// <c>waiting_room_promote</c> looks it up, so that it is not mistaken for a client's subject).</summary>
    public (DateTimeOffset? From, Dictionary<string, DateTimeOffset> Clients) Held(string tenant, string procedureCode, DateTimeOffset now)
    {
        var clients = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (!arriving.TryGetValue((tenant, procedureCode), out var joins) || joins.IsEmpty) return (null, clients);
        DateTimeOffset? earliest = null;
        foreach (var (at, client, device) in joins.Values)
        {
            if (at <= now - MaxHold) continue;
            if (earliest is null || at < earliest) earliest = at;
            Earliest(clients, client, at);
            if (device is not null) Earliest(clients, DeviceKey(device), at);
        }
        return (earliest, clients);

        static void Earliest(Dictionary<string, DateTimeOffset> held, string key, DateTimeOffset at)
        {
            if (!held.TryGetValue(key, out var known) || at < known) held[key] = at;
        }
    }

    /// <summary>How <c>waiting_room_promote</c> names a device among the clients holding places back.</summary>
    private static string DeviceKey(string device) => "device:" + device;

    private readonly ConcurrentDictionary<(string, string), ConcurrentDictionary<Arrival, (DateTimeOffset At, string Client, string? Device)>> arriving = new();

    private sealed class Arrival(ConcurrentDictionary<Arrival, (DateTimeOffset, string, string?)> joins) : IDisposable
    {
        public void Dispose() => joins.TryRemove(this, out _);
    }

    /// <summary>Counts a booking made with an admission: its place marked booked (the room's count of it), then, once that
    /// has committed, a step if it freed a turn or took the last place (<c>waiting_room_booked_step</c>). Two
    /// transactions in one round trip: the error barrier after the mark is a Sync, which ends its implicit transaction.
    /// Answers the step's outcome (null when the line was left as it was).</summary>
    public async Task<string?> BookedAsync(Guid entryId, Guid appointmentId, DateTimeOffset now, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        var mark = new NpgsqlBatchCommand($"select {S}.waiting_room_booked($1, $2, $3)") { AppendErrorBarrier = true };
        mark.Parameters.Add(new() { Value = entryId });
        mark.Parameters.Add(new() { Value = appointmentId });
        mark.Parameters.Add(new() { Value = now.ToUniversalTime() });
        batch.BatchCommands.Add(mark);
        var step = new NpgsqlBatchCommand($"select {S}.waiting_room_booked_step($1, $2)");
        step.Parameters.Add(new() { Value = entryId });
        step.Parameters.Add(new() { Value = now.ToUniversalTime() });
        batch.BatchCommands.Add(step);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        return await reader.ReadAsync(ct) && !reader.IsDBNull(0) ? reader.GetString(0) : null;
    }

    public Task<string?> ReleaseAsync(Guid entryId, string state, DateTimeOffset now, CancellationToken ct) =>
        ScalarAsync($"select {S}.waiting_room_release($1, $2, $3)", ct, entryId, state, now);

    /// <summary>An admitted client found nothing free in the window though places were counted (a booking made around
    /// the room, a crash between a booking and its count): the room is sold out after all, and everyone is told.</summary>
    public async Task MarkSoldOutAsync(string tenant, string procedureCode, int revision, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"update {S}.waiting_rooms set places_left = 0 where tenant_id = $1 and procedure_code = $2 and revision = $3 and state = 'open'");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = procedureCode });
        command.Parameters.Add(new() { Value = revision });
        if (await command.ExecuteNonQueryAsync(ct) > 0) await PromoteAsync(tenant, procedureCode, now, ct);
    }

    /// <summary>The room's places by state, and bookings per client (staff's view).</summary>
    public async Task<(Dictionary<string, long> ByState, List<(string Client, long Positions, long Booked)> ByClient)> StatisticsAsync(string tenant, string procedureCode, int revision, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var sql in new[]
        {
            $"select state, count(*) from {S}.waiting_room_entries where tenant_id = $1 and procedure_code = $2 and revision = $3 group by state",
            $"select client, count(*), count(*) filter (where state = 'booked') from {S}.waiting_room_entries where tenant_id = $1 and procedure_code = $2 and revision = $3 group by client order by 3 desc, 2 desc, 1 limit 50",
        })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new() { Value = tenant });
            command.Parameters.Add(new() { Value = procedureCode });
            command.Parameters.Add(new() { Value = revision });
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var byState = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) byState[reader.GetString(0)] = reader.GetInt64(1);
        await reader.NextResultAsync(ct);
        var byClient = new List<(string, long, long)>();
        while (await reader.ReadAsync(ct)) byClient.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        return (byState, byClient);
    }

    private async Task<string?> ScalarAsync(string sql, CancellationToken ct, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value is DBNull ? new() { Value = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz }
                : new() { Value = value is DateTimeOffset at ? at.ToUniversalTime() : value });
        return await command.ExecuteScalarAsync(ct) as string;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
