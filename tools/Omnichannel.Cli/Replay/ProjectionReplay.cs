using System.Text;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Npgsql;
using Omnichannel.BuildingBlocks;

namespace Omnichannel.Cli.Replay;

/// <summary>A projection of a service as its Marten configuration declares it, and the documents (read-model
/// tables) it writes.</summary>
public sealed record ProjectionInfo(string Name, ProjectionLifecycle Lifecycle, IReadOnlyList<Type> Documents, bool OneDocumentPerStream);

/// <summary>Replay progress: the position reached out of the ceiling (the high-water mark when the replay began).</summary>
public sealed record ReplayProgress(long Position, long Ceiling);

public enum DifferenceKind { OnlyLive, OnlyReplayed, Differs }

/// <summary>One read-model row that the live table and the replay disagree on.</summary>
public sealed record RowDifference(string Table, string Council, string Id, DifferenceKind Kind, string? Live, string? Replayed);

/// <summary>What a replay into a scratch schema found: the differences (<see cref="Differences"/> holds the first
/// ones, <see cref="DifferenceCount"/> counts them all), rows written since the replay began (left out: the live table
/// has moved on), and the ceiling replayed to.</summary>
public sealed record Comparison(string Scratch, long Ceiling, long LiveRows, long ReplayedRows, long DifferenceCount,
    IReadOnlyList<RowDifference> Differences, long MovedOn);

/// <summary>What a rebuild changed in the live read model.</summary>
public sealed record RebuildResult(long Ceiling, long Rows, long Replaced, long Inserted, long Deleted, long MovedOn);

/// <summary>
/// Replays a service's events into one of its projections from scratch with Marten's own rebuild (the daemon's
/// <c>RebuildProjectionAsync</c>) on a store configured like the service's — but with the read model in a scratch
/// schema, so the running services and their daemon are never fought: the live tables, the live projection's
/// progress and the daemon's advisory locks are not touched while events are replayed (the scratch projection has a
/// name of its own, hence a progress row of its own, removed at the end). Then:
/// <list type="bullet">
/// <item><b>compare</b>: the scratch read model beside the live one, row by row (only in one, different data);</item>
/// <item><b>rebuild</b>: the live rows that differ are replaced in one short transaction that locks the projection's
/// tables (the service's writers of that read model wait for it, milliseconds to seconds; nothing else does). Rows
/// the service wrote after the replay's ceiling (their stream has later events, or — for projections that are not one
/// document per stream — they were written since the replay began) are left as the service wrote them. An async
/// projection's live progress must have passed the ceiling first (its daemon would otherwise re-apply events).</item>
/// </list>
/// </summary>
public sealed class ProjectionReplay(ServiceSetup setup, string connectionString)
{
    /// <summary>Rows written this long before the replay began may still hold events past its ceiling (a writer's
    /// transaction started before, committed after): a projection not keyed by stream leaves them alone.</summary>
    public static readonly TimeSpan WriterMargin = TimeSpan.FromMinutes(1);

    private const string ScratchPrefix = "replay_";

    public string Service => setup.Name;

    public IReadOnlyList<ProjectionInfo> Projections()
    {
        using var store = ServiceStores.Build(setup, connectionString);
        return store.Options.Projections.All.OfType<ProjectionBase>()
            .Select(p => new ProjectionInfo(p.Name, p.Lifecycle,
                ((IProjectionSource<IDocumentOperations, IQuerySession>)p).PublishedTypes().Distinct().ToArray(),
                IsOneDocumentPerStream(p.GetType())))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();
    }

    public ProjectionInfo Find(string name)
    {
        var all = Projections();
        if (all.Count == 0) throw new ReplayInputException($"The service '{Service}' declares no projection (no read model to replay).");
        var found = all.FirstOrDefault(p => p.Name == name) ?? all.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ReplayInputException($"Unknown projection '{name}' in {Service}. Projections: {string.Join(", ", all.Select(p => p.Name))}.");
        if (found.Documents.Count == 0)
            throw new ReplayInputException($"The projection '{found.Name}' of {Service} declares no document type, so there is no read model to compare or rebuild.");
        return found;
    }

    /// <summary>Replays into a new scratch schema and compares it with the live read model; the scratch schema is
    /// dropped unless <paramref name="keepScratch"/>.</summary>
    public async Task<Comparison> CompareAsync(ProjectionInfo projection, int maxShown, bool keepScratch,
        Action<ReplayProgress>? progress, CancellationToken ct)
    {
        var replay = await ReplayIntoScratchAsync(projection, progress, ct);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            long live = 0, replayed = 0, count = 0, movedOn = 0;
            var shown = new List<RowDifference>();
            foreach (var table in replay.Tables)
            {
                live += await CountAsync(connection, table.Live, ct);
                replayed += await CountAsync(connection, table.Scratch, ct);
                await using var command = new NpgsqlCommand(DifferencesSql(table, replay, projection) + " order by 1, 2", connection);
                AddParameters(command, replay, projection);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    if (reader.GetBoolean(5)) { movedOn++; continue; }
                    count++;
                    if (shown.Count < maxShown)
                        shown.Add(new RowDifference(table.Live, reader.GetString(0), reader.GetString(1), Kind(reader.GetString(2)),
                            reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
                }
            }
            return new Comparison(replay.Schema, replay.Ceiling, live, replayed, count, shown, movedOn);
        }
        finally
        {
            if (!keepScratch) await DropAsync(replay.Schema);
        }
    }

    /// <summary>Replays into a scratch schema, then brings the live read model to the replayed one (see the class).</summary>
    public async Task<RebuildResult> RebuildAsync(ProjectionInfo projection, Action<ReplayProgress>? progress, CancellationToken ct)
    {
        var replay = await ReplayIntoScratchAsync(projection, progress, ct);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var result = await TryApplyAsync(projection, replay, ct);
                if (result is not null) return result;
                // An async projection's daemon is still below the ceiling: let it pass, then swap.
                if (attempt >= 300)
                    throw new ReplayInputException($"The live daemon of '{projection.Name}' has not reached position {replay.Ceiling} in 5 minutes: is it running?");
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
        finally
        {
            await DropAsync(replay.Schema);
        }
    }

    private sealed record TablePair(string Live, string Scratch, bool Tenanted, bool HasLastModified, string[] Columns);

    private sealed record ScratchReplay(string Schema, string Events, long Ceiling, DateTimeOffset StartedAt, IReadOnlyList<TablePair> Tables);

    private async Task<ScratchReplay> ReplayIntoScratchAsync(ProjectionInfo projection, Action<ReplayProgress>? progress, CancellationToken ct)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var schema = $"{ScratchPrefix}{Service}_{suffix}";
        var scratchName = $"{ScratchPrefix}{suffix}_{projection.Name}";
        var startedAt = DateTimeOffset.UtcNow;

        await using var store = ServiceStores.Build(setup, connectionString, options =>
        {
            // Read models in the scratch schema; the events stay the service's own (Events.DatabaseSchemaName).
            options.DatabaseSchemaName = schema;
            // A name of its own: its progress row never touches the live projection's.
            foreach (var p in options.Projections.All.OfType<ProjectionBase>())
                if (p.Name == projection.Name) p.Name = scratchName;
        });
        try
        {
            var tables = new List<TablePair>();
            foreach (var document in projection.Documents)
            {
                await store.Storage.Database.EnsureStorageExistsAsync(document, ct);
                var table = ((IReadOnlyStoreOptions)store.Options).FindOrResolveDocumentType(document).TableName;
                if (table.Schema != schema)
                    throw new ReplayInputException($"{document.Name} is stored in its own schema '{table.Schema}': it cannot be replayed beside the live one.");
                tables.Add(new TablePair($"\"{Service}\".\"{table.Name}\"", $"\"{schema}\".\"{table.Name}\"", false, false, []));
            }
            tables = await DescribeAsync(tables, ct);

            using var daemon = await store.BuildProjectionDaemonAsync();
            long ceiling = 0;
            using var tracking = daemon.Tracker.Subscribe(new Observer(state =>
            {
                if (state.ShardName == ShardState.HighWaterMark) ceiling = Math.Max(ceiling, state.Sequence);
                else if (state.ShardName.StartsWith(scratchName, StringComparison.Ordinal))
                    progress?.Invoke(new ReplayProgress(state.Sequence, Math.Max(ceiling, state.Sequence)));
            }));
            await daemon.RebuildProjectionAsync(scratchName, TimeSpan.FromHours(12), ct);
            ceiling = Math.Max(ceiling, await ReplayedUpToAsync(scratchName, ct));
            progress?.Invoke(new ReplayProgress(ceiling, ceiling));
            await daemon.StopAllAsync();
            return new ScratchReplay(schema, $"\"{Service}\".mt_events", ceiling, startedAt, tables);
        }
        catch
        {
            await DropAsync(schema);
            throw;
        }
        finally
        {
            await ForgetProgressAsync(scratchName);
        }
    }

    private async Task<RebuildResult?> TryApplyAsync(ProjectionInfo projection, ScratchReplay replay, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, "set local lock_timeout = '30s'", ct);
        // Readers too: a writer that read a row before the swap must not write its stale state over it after.
        await ExecuteAsync(connection, $"lock table {string.Join(", ", replay.Tables.Select(t => t.Live))} in access exclusive mode", ct);
        if (projection.Lifecycle == ProjectionLifecycle.Async && await LiveProgressAsync(connection, projection, ct) < replay.Ceiling)
            return null;

        long rows = 0, replaced = 0, inserted = 0, deleted = 0, movedOn = 0;
        foreach (var table in replay.Tables)
        {
            await ExecuteAsync(connection, "drop table if exists replay_keys", ct);
            await using (var keys = new NpgsqlCommand($"create temp table replay_keys on commit drop as {DifferencesSql(table, replay, projection)}", connection))
            {
                AddParameters(keys, replay, projection);
                await keys.ExecuteNonQueryAsync(ct);
            }
            var on = table.Tenanted ? "l.tenant_id = k.tenant_id and l.id::text = k.id" : "l.id::text = k.id";
            movedOn += await ScalarAsync(connection, "select count(*) from replay_keys where moved_on", ct);
            deleted += await ScalarAsync(connection, "select count(*) from replay_keys where kind = 'live-only' and not moved_on", ct);
            inserted += await ScalarAsync(connection, "select count(*) from replay_keys where kind = 'replayed-only' and not moved_on", ct);
            replaced += await ScalarAsync(connection, "select count(*) from replay_keys where kind = 'differs' and not moved_on", ct);
            await ExecuteAsync(connection, $"delete from {table.Live} l using replay_keys k where {on} and not k.moved_on and k.kind <> 'replayed-only'", ct);
            var columns = string.Join(", ", table.Columns.Select(c => $"\"{c}\""));
            var scratchOn = on.Replace("l.", "s.", StringComparison.Ordinal);
            await ExecuteAsync(connection, $"""
                insert into {table.Live} ({columns})
                select {string.Join(", ", table.Columns.Select(c => $"s.\"{c}\""))}
                from {table.Scratch} s join replay_keys k on {scratchOn}
                where not k.moved_on and k.kind <> 'live-only'
                """, ct);
            rows += await CountAsync(connection, table.Live, ct);
        }
        await transaction.CommitAsync(ct);
        return new RebuildResult(replay.Ceiling, rows, replaced, inserted, deleted, movedOn);
    }

    /// <summary>The rows the live and replayed tables disagree on: council, id, kind, both data, and whether the live
    /// row has moved on past the replay (written by the service after the ceiling).</summary>
    private static string DifferencesSql(TablePair table, ScratchReplay replay, ProjectionInfo projection)
    {
        var join = table.Tenanted ? "l.tenant_id = s.tenant_id and l.id = s.id" : "l.id = s.id";
        var tenant = table.Tenanted ? "coalesce(l.tenant_id, s.tenant_id)" : "''";
        var movedOn = new StringBuilder($"""
            exists (select 1 from {replay.Events} e where e.seq_id > $1 and e.stream_id = coalesce(l.id, s.id)::text
                    {(table.Tenanted ? "and e.tenant_id = coalesce(l.tenant_id, s.tenant_id)" : "")})
            """);
        if (!projection.OneDocumentPerStream && table.HasLastModified) movedOn.Append(" or l.mt_last_modified >= $2");
        return $"""
            select {tenant} as tenant_id, coalesce(l.id, s.id)::text as id,
                   case when s.id is null then 'live-only' when l.id is null then 'replayed-only' else 'differs' end as kind,
                   l.data::text as live, s.data::text as replayed,
                   coalesce(({movedOn}), false) as moved_on
            from {table.Live} l full join {table.Scratch} s on {join}
            where l.id is null or s.id is null or l.data is distinct from s.data
            """;
    }

    private static void AddParameters(NpgsqlCommand command, ScratchReplay replay, ProjectionInfo projection)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = replay.Ceiling });
        if (!projection.OneDocumentPerStream) command.Parameters.Add(new NpgsqlParameter { Value = replay.StartedAt - WriterMargin });
    }

    private async Task<List<TablePair>> DescribeAsync(List<TablePair> tables, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var described = new List<TablePair>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand("""
                select a.attname from pg_attribute a
                where a.attrelid = to_regclass($1) and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                  and exists (select 1 from pg_attribute b where b.attrelid = to_regclass($2) and b.attname = a.attname and not b.attisdropped)
                order by a.attnum
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = table.Live });
            command.Parameters.Add(new NpgsqlParameter { Value = table.Scratch });
            var columns = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) columns.Add(reader.GetString(0));
            if (columns.Count == 0)
                throw new ReplayInputException($"The live read model {table.Live} does not exist in this database (has the service run here?).");
            described.Add(table with
            {
                Tenanted = columns.Contains("tenant_id"),
                HasLastModified = columns.Contains("mt_last_modified"),
                Columns = [.. columns],
            });
        }
        return described;
    }

    private async Task<long> ReplayedUpToAsync(string scratchName, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""select coalesce(max(last_seq_id), 0) from "{Service}".mt_event_progression where name like $1""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = scratchName + "%" });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task<long> LiveProgressAsync(NpgsqlConnection connection, ProjectionInfo projection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""select coalesce(min(last_seq_id), 0) from "{Service}".mt_event_progression where name like $1""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = projection.Name + ":%" });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task ForgetProgressAsync(string scratchName)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""delete from "{Service}".mt_event_progression where name like $1""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = scratchName + "%" });
        await command.ExecuteNonQueryAsync();
    }

    private async Task DropAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"drop schema if exists \"{schema}\" cascade", CancellationToken.None);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    private static Task<long> CountAsync(NpgsqlConnection connection, string table, CancellationToken ct) =>
        ScalarAsync(connection, $"select count(*) from {table}", ct);

    private static DifferenceKind Kind(string kind) => kind switch
    {
        "live-only" => DifferenceKind.OnlyLive,
        "replayed-only" => DifferenceKind.OnlyReplayed,
        _ => DifferenceKind.Differs,
    };

    private static bool IsOneDocumentPerStream(Type? type)
    {
        for (; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(SingleStreamProjection<,>)) return true;
        return false;
    }

    private sealed class Observer(Action<ShardState> next) : IObserver<ShardState>
    {
        public void OnCompleted() { }
        public void OnError(Exception error) { }
        public void OnNext(ShardState value) => next(value);
    }
}
