using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Omnichannel.Cli.Analysts;

/// <summary>One stored event as the export reads it from <c>{service}.mt_events</c>. <see cref="Data"/> is the stored
/// JSON as UTF-8 bytes, passed on without being decoded into a string.</summary>
public sealed record StoredEvent(
    string Service, long Position, Guid Id, string Stream, long Version, string Type, DateTimeOffset Time,
    string Tenant, string? CorrelationId, string? Subject, ReadOnlyMemory<byte> Data);

/// <summary>A service's part of an export: the events after <see cref="After"/> up to <see cref="UpTo"/>.</summary>
public sealed record ServiceRange(string Service, long After, long UpTo);

/// <summary>A top-level data field seen in the selected events and the JSON types its values had.</summary>
public sealed record DataFieldShape(string Name, IReadOnlySet<string> JsonTypes, bool AllIntegral);

/// <summary>
/// Reads Marten's event tables directly (read-only: SELECT on <c>mt_events</c> and <c>mt_event_progression</c> is all
/// it needs), page by page along the global sequence, so memory stays flat whatever the size of the range.
/// </summary>
public sealed class EventStoreReader(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<ServiceRange>> PlanAsync(ExportFilter filter, CancellationToken cancellationToken)
    {
        foreach (var service in filter.Services)
            if (!ServiceCatalog.Exists(service))
                throw new ExportInputException($"Unknown service '{service}'. Services: {string.Join(", ", ServiceCatalog.Names)}.", "service");
        foreach (var named in filter.After.Values.Keys.Concat(filter.UpTo.Values.Keys))
            if (!filter.Services.Contains(named))
                throw new ExportInputException($"A position names '{named}', which is not among the selected services ({string.Join(", ", filter.Services)}).", "after");
        if (filter.From is { } from && filter.To is { } to && from >= to)
            throw new ExportInputException($"The time range is inverted or empty: --from {from:O} is not before --to {to:O}.", "to");

        var ranges = new List<ServiceRange>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var service in filter.Services)
        {
            var schema = ServiceCatalog.SchemaOf(service);
            if (!await HasEventTableAsync(connection, schema, cancellationToken))
            {
                if (filter.Services.Count == 1)
                    throw new ExportInputException($"The service '{service}' has no event store in this database (schema '{schema}' has no mt_events table, or this role may not read it: see `grants`).", "service");
                continue;
            }
            var end = await EndAsync(connection, schema, cancellationToken);
            var after = filter.After.Of(service) ?? 0;
            if (after > end.Last)
                throw new ExportInputException($"--after {service}={after} is beyond the end of {service}'s events (its last position is {end.Last}).", "after");
            var upTo = filter.UpTo.Of(service) ?? end.Safe;
            if (filter.UpTo.Of(service) is { } asked && asked > end.Last)
                throw new ExportInputException($"--up-to {service}={asked} is beyond the end of {service}'s events (its last position is {end.Last}).", "upTo");
            if (upTo < after)
                throw new ExportInputException($"The position range of {service} is inverted: --up-to {upTo} is before --after {after}.", "upTo");
            ranges.Add(new ServiceRange(service, after, upTo));
        }

        foreach (var type in filter.EventTypes)
        {
            var found = false;
            foreach (var range in ranges)
                found |= await HasTypeAsync(connection, ServiceCatalog.SchemaOf(range.Service), type, cancellationToken);
            if (!found)
            {
                var known = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var range in ranges)
                    foreach (var t in await TypesAsync(connection, ServiceCatalog.SchemaOf(range.Service), cancellationToken)) known.Add(t);
                throw new ExportInputException($"Unknown event type '{type}' in {string.Join(", ", filter.Services)}. Types there: {string.Join(", ", known)}.", "type");
            }
        }
        return ranges;
    }

    /// <summary>The events of one service's range that pass the filter, in position order, read
    /// <paramref name="pageSize"/> at a time. Columns come in PostgreSQL's binary form (the data as jsonb's UTF-8
    /// text, never a .NET string): formatting is left to the writers, which write UTF-8 directly.</summary>
    public async IAsyncEnumerable<StoredEvent> ReadAsync(ServiceRange range, ExportFilter filter, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var schema = ServiceCatalog.SchemaOf(range.Service);
        var sql = new StringBuilder($"""
            select seq_id, id, stream_id, version, type, timestamp, tenant_id, correlation_id,
                   coalesce(data->>'citizenId', data->>'CitizenId'), data
            from "{schema}".mt_events
            where seq_id > $1 and seq_id <= $2
            """);
        var parameters = new List<NpgsqlParameter> { new() { Value = 0L }, new() { Value = range.UpTo } };
        AppendFilter(sql, parameters, filter);
        sql.Append($" order by seq_id limit {pageSize}");
        // Few distinct values, one string each instead of one per event.
        var types = new Interned();
        var tenants = new Interned();

        var after = range.After;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql.ToString(), connection);
            parameters[0].Value = after;
            foreach (var p in parameters) command.Parameters.Add(p.Clone());
            var count = 0;
            await using (var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    count++;
                    var e = new StoredEvent(
                        range.Service,
                        reader.GetInt64(0),
                        reader.GetGuid(1),
                        reader.GetString(2),
                        reader.GetInt64(3),
                        types.Of(reader.GetString(4)),
                        reader.GetFieldValue<DateTimeOffset>(5),
                        tenants.Of(reader.GetString(6)),
                        reader.IsDBNull(7) ? null : reader.GetString(7),
                        reader.IsDBNull(8) ? null : reader.GetString(8),
                        reader.GetFieldValue<byte[]>(9));
                    after = e.Position;
                    yield return e;
                }
            }
            if (count < pageSize) yield break;
        }
    }

    private sealed class Interned
    {
        private readonly Dictionary<string, string> seen = new(StringComparer.Ordinal);

        public string Of(string value)
        {
            if (seen.TryGetValue(value, out var known)) return known;
            if (seen.Count < 10_000) seen[value] = value;
            return value;
        }
    }

    /// <summary>The top-level data fields of the selected events with the JSON types seen: the columns of a CSV or
    /// Parquet export, found by PostgreSQL so the export itself keeps nothing in memory. Exact, and cheap: the field
    /// names come from a sample of the range, then one aggregate pass checks that no event has another field and
    /// collects each field's types (no row per field, no grouping); only when the sample missed a field does the
    /// full <c>jsonb_each</c> pass run.</summary>
    public async Task<IReadOnlyList<DataFieldShape>> DataFieldsAsync(IReadOnlyList<ServiceRange> ranges, ExportFilter filter, CancellationToken cancellationToken)
    {
        return await ShapesAsync(ranges, filter, window: 0, cancellationToken);
    }

    /// <summary>The top-level data fields and their JSON types seen in a sample of the selected events only: a few
    /// windows of <see cref="SampleWindow"/> events spread along each range (index scans, milliseconds). Not exact — an
    /// event outside the sample may have another field or type, which the column writers detect
    /// (<see cref="DataShapeMismatchException"/>); the export then starts again on <see cref="DataFieldsAsync"/>'s
    /// exact shapes. It spares the exact pass, which costs PostgreSQL nearly as much as the export's own reading.</summary>
    public async Task<IReadOnlyList<DataFieldShape>> SampledDataFieldsAsync(IReadOnlyList<ServiceRange> ranges, ExportFilter filter, int window, CancellationToken cancellationToken)
    {
        return await ShapesAsync(ranges, filter, window, cancellationToken);
    }

    public const int SampleWindow = 200;
    private const int SampleWindows = 5;

    /// <param name="window">Events per sample window; 0 for the exact shapes.</param>
    private async Task<IReadOnlyList<DataFieldShape>> ShapesAsync(IReadOnlyList<ServiceRange> ranges, ExportFilter filter, int window, CancellationToken cancellationToken)
    {
        var shapes = new SortedDictionary<string, (HashSet<string> Types, bool Integral)>(StringComparer.Ordinal);
        void Add(string name, string type, bool integral)
        {
            if (!shapes.TryGetValue(name, out var shape)) shape = (new HashSet<string>(StringComparer.Ordinal), true);
            shape.Types.Add(type);
            shapes[name] = (shape.Types, shape.Integral && integral);
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var range in ranges)
        {
            if (window > 0)
            {
                foreach (var (name, type, integral) in await SampleShapesAsync(connection, range, filter, window, cancellationToken)) Add(name, type, integral);
                continue;
            }
            var sampledNames = await SampledFieldsAsync(connection, range, filter, cancellationToken);
            if (await CheckedShapesAsync(connection, range, filter, sampledNames, cancellationToken) is { } checkedShapes)
            {
                foreach (var (name, type, integral) in checkedShapes) Add(name, type, integral);
                continue;
            }
            var sql = new StringBuilder($"""
                select k.key, jsonb_typeof(k.value),
                       bool_and(jsonb_typeof(k.value) <> 'number' or (k.value::text)::numeric % 1 = 0)
                from "{ServiceCatalog.SchemaOf(range.Service)}".mt_events, jsonb_each(data) k
                where seq_id > $1 and seq_id <= $2
                """);
            var parameters = new List<NpgsqlParameter> { new() { Value = range.After }, new() { Value = range.UpTo } };
            AppendFilter(sql, parameters, filter);
            sql.Append(" group by 1, 2");
            await using var command = new NpgsqlCommand(sql.ToString(), connection);
            command.CommandTimeout = 0;
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                Add(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2));
        }
        return shapes.Select(s => new DataFieldShape(s.Key, s.Value.Types, s.Value.Integral)).ToArray();
    }

    /// <summary>Fields, JSON types and integrality in <see cref="SampleWindows"/> windows of the range's first
    /// <paramref name="window"/> selected events from evenly spaced positions (the first at the range's start).</summary>
    private static async Task<List<(string Name, string Type, bool Integral)>> SampleShapesAsync(NpgsqlConnection connection, ServiceRange range, ExportFilter filter, int window, CancellationToken ct)
    {
        var parameters = new List<NpgsqlParameter> { new() { Value = range.UpTo } };
        var windows = new List<string>();
        var filterSql = new StringBuilder();
        AppendFilter(filterSql, parameters, filter);
        var step = (range.UpTo - range.After) / SampleWindows;
        for (var w = 0; w < SampleWindows && (w == 0 || step > window); w++)
        {
            parameters.Add(new NpgsqlParameter { Value = range.After + w * step });
            windows.Add($"""
                (select data from "{ServiceCatalog.SchemaOf(range.Service)}".mt_events
                 where seq_id > ${parameters.Count} and seq_id <= $1{filterSql} order by seq_id limit {window})
                """);
        }
        var sql = $"""
            select k.key, jsonb_typeof(k.value), bool_and(jsonb_typeof(k.value) <> 'number' or (k.value::text)::numeric % 1 = 0)
            from ({string.Join(" union all ", windows)}) e, jsonb_each(e.data) k
            where jsonb_typeof(e.data) = 'object'
            group by 1, 2
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters.ToArray());
        var shapes = new List<(string, string, bool)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) shapes.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        return shapes;
    }

    private static readonly string[] JsonTypes = ["object", "array", "string", "number", "boolean", "null"];

    /// <summary>The field names of the first events of the range (where most exports' fields all show up).</summary>
    private static async Task<string[]> SampledFieldsAsync(NpgsqlConnection connection, ServiceRange range, ExportFilter filter, CancellationToken ct)
    {
        var sql = new StringBuilder($"""
            select distinct k from (select data from "{ServiceCatalog.SchemaOf(range.Service)}".mt_events
            where seq_id > $1 and seq_id <= $2
            """);
        var parameters = new List<NpgsqlParameter> { new() { Value = range.After }, new() { Value = range.UpTo } };
        AppendFilter(sql, parameters, filter);
        sql.Append(" order by seq_id limit 1000) e, jsonb_object_keys(e.data) k where jsonb_typeof(e.data) = 'object'");
        await using var command = new NpgsqlCommand(sql.ToString(), connection);
        command.Parameters.AddRange(parameters.ToArray());
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names.ToArray();
    }

    /// <summary>One pass over the range: every field's JSON types (a bit each) and whether its numbers are all whole,
    /// provided no event has a field outside <paramref name="names"/> and every data is an object; null otherwise.</summary>
    private static async Task<List<(string Name, string Type, bool Integral)>?> CheckedShapesAsync(
        NpgsqlConnection connection, ServiceRange range, ExportFilter filter, string[] names, CancellationToken ct)
    {
        var parameters = new List<NpgsqlParameter> { new() { Value = range.After }, new() { Value = range.UpTo }, new() { Value = names } };
        var sql = new StringBuilder("select coalesce(bool_and(case when jsonb_typeof(data) = 'object' then data - $3::text[] = '{}'::jsonb else false end), true)");
        for (var i = 0; i < names.Length; i++)
        {
            var p = "$" + (parameters.Count + 1);
            parameters.Add(new NpgsqlParameter { Value = names[i] });
            sql.Append($"""
                , coalesce(bit_or(case jsonb_typeof(data->{p}) when 'object' then 1 when 'array' then 2 when 'string' then 4
                    when 'number' then 8 when 'boolean' then 16 when 'null' then 32 else 0 end), 0)
                , coalesce(bool_and(case when jsonb_typeof(data->{p}) = 'number' then (data->>{p})::numeric % 1 = 0 else true end), true)
                """);
        }
        sql.Append($"""
             from "{ServiceCatalog.SchemaOf(range.Service)}".mt_events where seq_id > $1 and seq_id <= $2
            """);
        AppendFilter(sql, parameters, filter);
        await using var command = new NpgsqlCommand(sql.ToString(), connection);
        command.CommandTimeout = 0;
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (!reader.GetBoolean(0)) return null;
        var shapes = new List<(string, string, bool)>();
        for (var i = 0; i < names.Length; i++)
        {
            var bits = reader.GetInt32(1 + 2 * i);
            var integral = reader.GetBoolean(2 + 2 * i);
            for (var t = 0; t < JsonTypes.Length; t++)
                if ((bits & (1 << t)) != 0) shapes.Add((names[i], JsonTypes[t], integral));
        }
        return shapes;
    }

    private static void AppendFilter(StringBuilder sql, List<NpgsqlParameter> parameters, ExportFilter filter)
    {
        string Next(object value, NpgsqlDbType? type = null)
        {
            var p = new NpgsqlParameter { Value = value };
            if (type is { } t) p.NpgsqlDbType = t;
            parameters.Add(p);
            return "$" + parameters.Count;
        }
        if (filter.EventTypes.Count > 0) sql.Append($" and type = any({Next(filter.EventTypes.ToArray())})");
        if (filter.Councils.Count > 0) sql.Append($" and tenant_id = any({Next(filter.Councils.ToArray())})");
        if (filter.Streams.Count > 0) sql.Append($" and stream_id = any({Next(filter.Streams.ToArray())})");
        if (filter.From is { } from) sql.Append($" and timestamp >= {Next(from.ToUniversalTime(), NpgsqlDbType.TimestampTz)}");
        if (filter.To is { } to) sql.Append($" and timestamp < {Next(to.ToUniversalTime(), NpgsqlDbType.TimestampTz)}");
    }

    private static async Task<bool> HasEventTableAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select has_table_privilege(to_regclass($1), 'select') is true", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = $"\"{schema}\".mt_events" });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The last position written and the last one safe to export: Marten's high-water mark, below which no
    /// transaction can still commit a lower sequence number (so a resume from a printed position loses nothing);
    /// where no daemon ever ran (no mark), the last position.</summary>
    private static async Task<(long Last, long Safe)> EndAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select coalesce((select max(seq_id) from "{schema}".mt_events), 0),
                   (select last_seq_id from "{schema}".mt_event_progression where name = 'HighWaterMark')
            """, connection);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var last = reader.GetInt64(0);
            return (last, reader.IsDBNull(1) ? last : Math.Min(last, reader.GetInt64(1)));
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InsufficientPrivilege)
        {
            await using var lastOnly = new NpgsqlCommand($"""select coalesce(max(seq_id), 0) from "{schema}".mt_events""", connection);
            var last = (long)(await lastOnly.ExecuteScalarAsync(ct))!;
            return (last, last);
        }
    }

    private static async Task<bool> HasTypeAsync(NpgsqlConnection connection, string schema, string type, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""select exists (select 1 from "{schema}".mt_events where type = $1)""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<IReadOnlyList<string>> TypesAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""select distinct type from "{schema}".mt_events order by 1""", connection);
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) types.Add(reader.GetString(0));
        return types;
    }
}
