using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Omnichannel.BuildingBlocks.Watching;

namespace Omnichannel.BuildingBlocks.PersonalData;

/// <summary>
/// How long personal data is kept, per council and kind: <c>PersonalData:Retention:{council}:{kind}</c> = days, where the
/// kind is the stream's kind (the part of its key before ':', e.g. <c>conversation</c> in messaging, <c>incident</c> in
/// incidents). A stream with no event for longer than its period (a conversation not written to in 12 months, an incident
/// closed longer than the legal period) has its personal fields masked; the events stay. Enforced only where
/// <c>PersonalData:Retention:Enforce</c> is true: until then each pass is a dry run that only reports.
/// </summary>
public sealed class RetentionPolicy(IConfiguration configuration)
{
    public const string Section = "PersonalData:Retention";

    public bool Enforce => configuration.GetValue($"{Section}:Enforce", false);

    /// <summary>(council, kind, period) for every configured period.</summary>
    public IEnumerable<(string Council, string Kind, TimeSpan Period)> Periods() =>
        configuration.GetSection(Section).GetChildren().Where(c => c.Key != "Enforce")
            .SelectMany(council => council.GetChildren()
                .Where(kind => int.TryParse(kind.Value, out var days) && days > 0)
                .Select(kind => (council.Key, kind.Key, TimeSpan.FromDays(int.Parse(kind.Value!)))));
}

/// <summary>A stream past its period: what a pass masks (or, in a dry run, would).</summary>
public sealed record RetentionItem(string Council, string Kind, string Stream, DateTimeOffset LastActivityAt, DateTimeOffset DueAt, int PersonalEvents);

public sealed record RetentionReport(DateTimeOffset At, bool DryRun, IReadOnlyList<RetentionItem> Items);

/// <summary>Finds the streams past their retention period and masks their personal fields with Marten's masking rules
/// (<c>ApplyEventDataMasking</c>), then the copies of those values in the service's read models and tables.</summary>
public sealed class Retention(IDocumentStore store, ServiceSetup setup, RetentionPolicy policy, TimeProvider clock, IConfiguration configuration)
{
    public async Task<RetentionReport> RunAsync(bool dryRun, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var items = new List<RetentionItem>();
        await using var connection = new NpgsqlConnection(configuration.GetConnectionString("Postgres"));
        await connection.OpenAsync(ct);
        foreach (var (council, kind, period) in policy.Periods())
        {
            var due = new List<(string Stream, DateTimeOffset Last)>();
            // Streams already masked by retention carry its header on their events: they are not listed again.
            await using (var command = new NpgsqlCommand($"""
                select stream_id, max(timestamp) from {setup.Name}.mt_events
                where tenant_id = $1 and stream_id like $2
                group by stream_id
                having max(timestamp) < $3 and bool_and(coalesce(headers, jsonb_build_object()) ? 'retention-masked-at') = false
                order by stream_id
                """, connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = council });
                command.Parameters.Add(new NpgsqlParameter { Value = kind.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + ":%" });
                command.Parameters.Add(new NpgsqlParameter { Value = now - period });
                try
                {
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct)) due.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { }
            }
            foreach (var (stream, last) in due)
            {
                await using var query = store.QuerySession(council);
                var events = await query.Events.FetchStreamAsync(stream, token: ct);
                var personal = events.Where(e => PersonalFields.HasPersonal(e.EventType) && PersonalFields.PersonalValues(e.Data).Any()).ToList();
                if (personal.Count == 0) continue;
                items.Add(new RetentionItem(council, kind, stream, last, last + period, personal.Count));
                if (dryRun) continue;
                var values = personal.SelectMany(e => PersonalFields.PersonalValues(e.Data)).Distinct().OrderByDescending(v => v.Length).ToList();
                await store.Advanced.ApplyEventDataMasking(x =>
                {
                    x.ForTenant(council);
                    x.IncludeStream(stream);
                    x.AddHeader("retention-masked-at", now);
                }, ct);
                await CitizenErasure.ScrubTablesAsync(connection, store, setup.Name, council, values, ct);
            }
        }
        return new RetentionReport(now, dryRun, items);
    }
}

/// <summary>The background pass of <see cref="Retention"/>: a dry run (logged counts, no personal data) until the council
/// enforces it.</summary>
public sealed class RetentionWatcher(Retention retention, RetentionPolicy policy, TimeProvider clock, ILogger<RetentionWatcher> logger)
    : Watcher(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(6);
    protected override bool WaitsBeforeFirstPass => true;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (!policy.Periods().Any()) return 0;
        var report = await retention.RunAsync(dryRun: !policy.Enforce, ct);
        Logger.LogInformation("Retention pass ({Mode}): {Streams} streams past their period", report.DryRun ? "dry run" : "masked", report.Items.Count);
        return report.DryRun ? 0 : report.Items.Count;
    }
}
