using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Omnichannel.Cli.Analysts.Demand;

/// <summary>One published figure. <see cref="Value"/> is null when the cell is suppressed: fewer than the threshold of
/// contacts stand behind it (a count, or the count an average or a rate is computed over).</summary>
public sealed record Indicator(string Name, string Dimension, string Key, double? Value, string Unit, long Basis, bool Suppressed);

public sealed record IndicatorSet(string? Council, string Month, int SuppressionThreshold, IReadOnlyList<Indicator> Indicators)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToCsv()
    {
        var text = new StringBuilder();
        using (var csv = CsvHelper.CsvWriter.Create(new StringWriter(text), CsvHelper.CsvWriterOptions.Default, leaveOpen: false))
        {
            csv.WriteHeader(["council", "month", "indicator", "dimension", "key", "value", "unit", "suppressed"]);
            foreach (var i in Indicators)
            {
                csv.WriteField(Council ?? "all");
                csv.WriteField(Month);
                csv.WriteField(i.Name);
                csv.WriteField(i.Dimension);
                csv.WriteField(i.Key);
                csv.WriteField(i.Value?.ToString("0.###", CultureInfo.InvariantCulture));
                csv.WriteField(i.Unit);
                csv.WriteField(i.Suppressed ? "true" : "false");
                csv.EndRecord();
            }
        }
        return text.ToString();
    }
}

/// <summary>
/// The monthly public indicators a council publishes on its transparency portal, from the events: contacts per
/// channel, queue waits and service times, chat answer times, incidents' first answers within their SLA, satisfaction,
/// kiosk sessions, appointments kept and missed. No personal data: only counts and statistics over at least
/// <c>threshold</c> contacts (default 10); smaller cells are published as suppressed.
/// </summary>
public sealed class MonthlyIndicators(NpgsqlDataSource dataSource, string? council, int threshold = 10, string timeZone = "Europe/Madrid")
{
    public async Task<IndicatorSet> ForMonthAsync(int year, int month, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var firstLocal = new DateTime(year, month, 1);
        var from = new DateTimeOffset(firstLocal, zone.GetUtcOffset(firstLocal));
        var nextLocal = firstLocal.AddMonths(1);
        var to = new DateTimeOffset(nextLocal, zone.GetUtcOffset(nextLocal));
        var list = new List<Indicator>();
        void Count(string name, string dimension, string key, long n, string unit = "contacts") =>
            list.Add(n < threshold ? new Indicator(name, dimension, key, null, unit, n, true) : new Indicator(name, dimension, key, n, unit, n, false));
        void Stat(string name, string dimension, string key, double value, long basis, string unit) =>
            list.Add(basis < threshold ? new Indicator(name, dimension, key, null, unit, basis, true) : new Indicator(name, dimension, key, Math.Round(value, 3), unit, basis, false));

        var demand = new DemandQueries(dataSource, council, timeZone);
        foreach (var c in await demand.PerChannelAsync(from, to, ct)) Count("contacts", "channel", c.Key, c.Contacts);
        foreach (var d in await demand.DurationsAsync(from, to, ct))
        {
            Stat(d.Measure + " mean", "where", d.Key, d.Mean, d.Count, "minutes");
            Stat(d.Measure + " p90", "where", d.Key, d.P90, d.Count, "minutes");
        }

        var reported = await CountAsync("incidents", "incident_reported", from, to, ct);
        var breached = await CountAsync("incidents", "sla_breached", from, to, ct);
        Count("incidents reported", "all", "all", reported, "incidents");
        Stat("incident SLA compliance", "all", "all", reported == 0 ? 0 : Math.Max(0, 1 - (double)breached / reported), reported, "share");
        var (ratings, meanRating) = await MeanAsync("incidents", "incident_rated", "data->>'Rating'", from, to, ct);
        Stat("satisfaction", "incidents", "mean rating 1-5", meanRating, ratings, "rating");
        Count("kiosk sessions", "all", "all", await CountAsync("kiosks", "session_started", from, to, ct), "sessions");
        var booked = await CountAsync("appointments", "appointment_booked", from, to, ct);
        var kept = await CountAsync("appointments", "appointment_checked_in", from, to, ct);
        var missed = await CountAsync("appointments", "appointment_missed", from, to, ct);
        Count("appointments booked", "all", "all", booked, "appointments");
        Count("appointments kept", "all", "all", kept, "appointments");
        Count("appointments missed", "all", "all", missed, "appointments");
        Stat("appointments kept rate", "all", "all", kept + missed == 0 ? 0 : (double)kept / (kept + missed), kept + missed, "share");
        return new IndicatorSet(council, $"{year:0000}-{month:00}", threshold, list);
    }

    private async Task<long> CountAsync(string service, string type, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        (await MeanAsync(service, type, "0", from, to, ct)).Count;

    private async Task<(long Count, double Mean)> MeanAsync(string service, string type, string valueSql, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (!ServiceCatalog.Exists(service)) return (0, 0);
        var schema = ServiceCatalog.SchemaOf(service);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var check = new NpgsqlCommand("select has_table_privilege(to_regclass($1), 'select') is true", connection))
        {
            check.Parameters.Add(new NpgsqlParameter { Value = $"\"{schema}\".mt_events" });
            if (!(bool)(await check.ExecuteScalarAsync(ct))!) return (0, 0);
        }
        await using var command = new NpgsqlCommand($"""
            select count(*), coalesce(avg(({valueSql})::float8), 0) from "{schema}".mt_events
            where type = $1 and ($2::text is null or tenant_id = $2) and {ContactEvents.Time} >= $3 and {ContactEvents.Time} < $4
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)council ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetDouble(1));
    }
}
