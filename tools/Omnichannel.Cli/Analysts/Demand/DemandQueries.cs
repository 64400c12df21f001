using System.Text;
using Npgsql;

namespace Omnichannel.Cli.Analysts.Demand;

public sealed record Count(string Key, long Contacts);
public sealed record HourOfWeek(int IsoWeekday, int Hour, long Contacts);
public sealed record Durations(string Measure, string Key, long Count, double Mean, double Median, double P90);
public sealed record ChannelShift(string Channel, long ContactsA, double ShareA, long ContactsB, double ShareB)
{
    public double PointsChange => (ShareB - ShareA) * 100;
}
public sealed record HourlyCount(string Channel, DateTime LocalHour, long Contacts);

/// <summary>Demand computed in PostgreSQL straight from the services' event tables (the declared contact events),
/// local time Europe/Madrid. Only services whose event table exists are read.</summary>
public sealed class DemandQueries(NpgsqlDataSource dataSource, string? council, string timeZone = "Europe/Madrid")
{
    private async Task<string> ContactsSqlAsync(CancellationToken ct)
    {
        var parts = new List<string>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var service in ServiceCatalog.Names)
        {
            var schema = ServiceCatalog.SchemaOf(service);
            await using var check = new NpgsqlCommand("select has_table_privilege(to_regclass($1), 'select') is true", connection);
            check.Parameters.Add(new NpgsqlParameter { Value = $"\"{schema}\".mt_events" });
            if (!(bool)(await check.ExecuteScalarAsync(ct))!) continue;
            var channel = new StringBuilder("case type");
            foreach (var (type, sql) in ContactEvents.Types) channel.Append($" when '{type}' then {sql}");
            channel.Append(" end");
            parts.Add($"""
                select '{service}'::text as service, type, tenant_id, {ContactEvents.Time} as at, ({ContactEvents.Time} at time zone $1) as local,
                       {channel} as channel, {ContactEvents.Procedure} as procedure, {ContactEvents.Office} as office
                from "{schema}".mt_events
                where type = any($2) and ($3::text is null or tenant_id = $3) and {ContactEvents.Time} >= $4 and {ContactEvents.Time} < $5
                """);
        }
        return parts.Count == 0 ? "select null::text as service, null::text as type, null::text as tenant_id, null::timestamptz as at, null::timestamp as local, null::text as channel, null::text as procedure, null::text as office where false"
                                : string.Join("\nunion all\n", parts);
    }

    private async Task<List<T>> QueryAsync<T>(string body, DateTimeOffset from, DateTimeOffset to, Func<NpgsqlDataReader, T> map, CancellationToken ct, params object[] extra)
    {
        var sql = $"with contacts as ({await ContactsSqlAsync(ct)}) {body}";
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        command.Parameters.Add(new NpgsqlParameter { Value = timeZone });
        command.Parameters.Add(new NpgsqlParameter { Value = ContactEvents.Types.Keys.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)council ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
        foreach (var value in extra) command.Parameters.Add(new NpgsqlParameter { Value = value });
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(map(reader));
        return rows;
    }

    public Task<List<Count>> PerChannelAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        QueryAsync("select channel, count(*) from contacts group by 1 order by 2 desc, 1", from, to, r => new Count(r.GetString(0), r.GetInt64(1)), ct);

    public Task<List<Count>> PerProcedureAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        QueryAsync("select procedure, count(*) from contacts group by 1 order by 2 desc, 1 limit 25", from, to, r => new Count(r.GetString(0), r.GetInt64(1)), ct);

    public Task<List<Count>> PerOfficeAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        QueryAsync("select office, count(*) from contacts group by 1 order by 2 desc, 1 limit 25", from, to, r => new Count(r.GetString(0), r.GetInt64(1)), ct);

    public Task<List<HourOfWeek>> PerHourOfWeekAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        QueryAsync("select extract(isodow from local)::int, extract(hour from local)::int, count(*) from contacts group by 1, 2 order by 1, 2",
            from, to, r => new HourOfWeek(r.GetInt32(0), r.GetInt32(1), r.GetInt64(2)), ct);

    public Task<List<HourlyCount>> HourlyAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        QueryAsync("select channel, date_trunc('hour', local), count(*) from contacts group by 1, 2 order by 1, 2",
            from, to, r => new HourlyCount(r.GetString(0), r.GetDateTime(1), r.GetInt64(2)), ct);

    /// <summary>Contacts per channel in [from, split) and [split, to): e.g. kiosk use before and after a date.</summary>
    public async Task<List<ChannelShift>> ShiftAsync(DateTimeOffset fromA, DateTimeOffset toA, DateTimeOffset fromB, DateTimeOffset toB, CancellationToken ct)
    {
        var a = await PerChannelAsync(fromA, toA, ct);
        var b = await PerChannelAsync(fromB, toB, ct);
        double totalA = Math.Max(1, a.Sum(c => c.Contacts)), totalB = Math.Max(1, b.Sum(c => c.Contacts));
        return a.Select(c => c.Key).Union(b.Select(c => c.Key)).Order(StringComparer.Ordinal).Select(channel =>
        {
            var ca = a.FirstOrDefault(c => c.Key == channel)?.Contacts ?? 0;
            var cb = b.FirstOrDefault(c => c.Key == channel)?.Contacts ?? 0;
            return new ChannelShift(channel, ca, ca / totalA, cb, cb / totalB);
        }).ToList();
    }

    /// <summary>Waiting and service times from the events that carry them: queues' served tickets (wait and service
    /// minutes, per office) and messaging's hand-overs (wait until an operator claimed, per channel).</summary>
    public async Task<List<Durations>> DurationsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var result = new List<Durations>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        async Task Add(string service, string measure, string key, string valueSql, string type)
        {
            var schema = ServiceCatalog.SchemaOf(service);
            await using var check = new NpgsqlCommand("select has_table_privilege(to_regclass($1), 'select') is true", connection);
            check.Parameters.Add(new NpgsqlParameter { Value = $"\"{schema}\".mt_events" });
            if (!(bool)(await check.ExecuteScalarAsync(ct))!) return;
            await using var command = new NpgsqlCommand($"""
                select k, count(*), avg(v), percentile_cont(0.5) within group (order by v), percentile_cont(0.9) within group (order by v)
                from (select {key} as k, ({valueSql})::float8 as v from "{schema}".mt_events
                      where type = $1 and ($2::text is null or tenant_id = $2) and {ContactEvents.Time} >= $3 and {ContactEvents.Time} < $4) t
                where v is not null group by k order by k
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = type });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)council ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                result.Add(new Durations(measure, reader.IsDBNull(0) ? "-" : reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4)));
        }
        await Add("queues", "wait (min)", "coalesce(data->>'OfficeId', split_part(stream_id, ':', 2))", "data->>'WaitMinutes'", "ticket_served");
        await Add("queues", "service (min)", "coalesce(data->>'OfficeId', split_part(stream_id, ':', 2))", "data->>'ServiceMinutes'", "ticket_served");
        await Add("messaging", "hand-over wait (min)", "'chat-handover'", "extract(epoch from (data->>'Waited')::interval) / 60", "handover_claimed");
        await Add("messaging", "hand-over length (min)", "coalesce(data->>'Channel', 'chat')", "extract(epoch from (data->>'Lasted')::interval) / 60", "handover_closed");
        return result;
    }
}
