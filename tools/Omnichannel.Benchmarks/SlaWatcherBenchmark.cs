using System.Diagnostics;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;
using Omnichannel.Testing;

namespace Omnichannel.Benchmarks;

/// <summary>
/// The incidents' SLA watcher at scale: the real incidents service hosted in this process on a clock the benchmark moves
/// (its background loops off: the benchmark runs the watcher's passes itself), N open complaints reported on a Friday
/// between 9:00 and 15:00 (their first answer due from Friday 15:00 to Monday 15:00 on the on-site calendar), then the
/// clock jumps to Monday 15:00:01. Measured: the time until every due breach is recorded on its stream (what the outbox
/// then publishes as IncidentSlaBreached), breaches per second, and — in the same run, on the same rows — a plain scan
/// reading every due row of the inbox table with Npgsql, as the baseline of the ratio.
/// </summary>
public sealed class SlaWatcherBenchmark(BenchOptions options, Report report)
{
    private const string Council = Tokens.Tenant;

    public async Task RunAsync()
    {
        var tokens = new Tokens();
        var settings = new Dictionary<string, string?>(await TestServers.NewPlatformSettingsAsync(tokens))
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Marten"] = "Warning",
            // No daemon: no background watcher or closer competing with the measured passes, no outbox.
            ["Daemon:Enabled"] = "false",
            // Not called here (no report names a procedure or citizen), but the service wants to know where they are.
            ["Services:Procedures:Grpc"] = "http://127.0.0.1:9",
            ["Services:Citizens:Grpc"] = "http://127.0.0.1:9",
        };
        var calendar = new Omnichannel.BuildingBlocks.Calendar.BusinessCalendars(new Omnichannel.BuildingBlocks.Calendar.BusinessCalendarOptions()).For("on-site");
        DateTimeOffset Madrid(int day, int hour, int minute = 0, int second = 0)
        {
            var local = new DateTime(2027, 1, day, hour, minute, second);
            return new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local));
        }
        var friday9 = Madrid(15, 9);
        var clock = new FakeTimeProvider(friday9);

        await using var incidents = new ServiceHost<Incidents.Program>(settings, withGrpc: true)
            .WithServices(services => services.AddSingleton<TimeProvider>(clock));
        incidents.Start();
        var store = incidents.Services.GetRequiredService<IDocumentStore>();
        var rulebook = incidents.Services.GetRequiredService<SlaRulebook>();
        var watcher = incidents.Services.GetRequiredService<SlaWatcher>();
        var rules = rulebook.For(Council, IncidentKinds.Complaint);
        var n = options.SlaIncidents;

        // Seeding: N reports spread over Friday's six opening hours, written by 4 writers in batches of 500 streams.
        var seeding = Stopwatch.StartNew();
        var spacing = TimeSpan.FromHours(6) / n;
        const int batch = 500;
        var batches = Enumerable.Range(0, (n + batch - 1) / batch).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (b, ct) =>
        {
            await using var session = store.LightweightSession(Council);
            for (var i = b * batch; i < Math.Min(n, (b + 1) * batch); i++)
            {
                var at = friday9 + spacing * (i + 1);
                var id = Guid.NewGuid();
                var reported = new IncidentReported(new IncidentRef(id, PersonalCode.Incident.New(), null, "email"), IncidentKinds.Complaint,
                    "A bench in the park is broken.", null, null, null, "on-site", IncidentSla.Start(rules, at, calendar), at);
                session.Events.StartStream(Incident.StreamKey(id), reported);
            }
            await session.SaveChangesAsync(ct);
        });
        Console.WriteLine($"SLA watcher: {n:N0} open complaints reported on Friday 15 January 2027 (seeded in {seeding.Elapsed.TotalSeconds:0.0} s); " +
                          $"first answers due from {Madrid(15, 15):ddd HH:mm} to {Madrid(18, 15):ddd HH:mm} (on-site calendar); the clock jumps to Monday 15:00:01.");

        clock.SetUtcNow(Madrid(18, 15, 0, 1));
        var now = clock.GetUtcNow();

        // The baseline: one plain scan of the same due rows (ids and due instants read with Npgsql, nothing written).
        var scan = await ScanAsync(settings["ConnectionStrings:Postgres"]!, now);

        // The watcher's passes until no breach is due any more.
        var watching = Stopwatch.StartNew();
        var recorded = 0;
        TimeSpan? first = null;
        var passes = 0;
        while (true)
        {
            var breached = await watcher.RunOnceAsync(CancellationToken.None);
            passes++;
            recorded += breached;
            if (breached > 0) first ??= watching.Elapsed;
            if (breached == 0 || watching.Elapsed > TimeSpan.FromMinutes(options.SlaMinutes)) break;
        }
        var allOut = watching.Elapsed;
        var left = await watcher.NextDueAtAsync(CancellationToken.None) is { } next && next <= now;

        Console.WriteLine($"SLA watcher: {recorded:N0} of {scan.Rows:N0} due breaches recorded in {allOut.TotalSeconds:0.0} s over {passes} passes " +
                          $"({recorded / allOut.TotalSeconds:N0}/s, {rulebook.Options.WatchParallelism} at a time; first after {first?.TotalMilliseconds ?? double.NaN:0} ms)" +
                          (left || recorded != n ? $" — NOT ALL OUT after {options.SlaMinutes} min: {n - recorded:N0} left" : "") + $"; plain scan of the same rows: {scan.Elapsed.TotalMilliseconds:0} ms.");
        report.Rate("SLA breaches recorded/s (weekend jump)", recorded / allOut.TotalSeconds, "plain scan rows", scan.Rows / scan.Elapsed.TotalSeconds);
        report.Duration("SLA: time until all due breaches are out", allOut, "plain scan of the same rows", scan.Elapsed);
        // Passes that stopped finding breaches while some are still due: an error, not a figure.
        if (recorded != n && watching.Elapsed <= TimeSpan.FromMinutes(options.SlaMinutes))
            throw new InvalidOperationException($"{n - recorded} due breaches were not recorded.");
    }

    /// <summary>Reads every due row of the watcher's table (the incidents' inbox view) once, as a plain query would.</summary>
    private static async Task<(long Rows, TimeSpan Elapsed)> ScanAsync(string connectionString, DateTimeOffset now)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        await using var command = new NpgsqlCommand(
            "select id, data ->> 'NextBreachAt' from incidents.mt_doc_incidentview where (data ->> 'NextBreachAt') is not null " +
            "and (data ->> 'NextBreachAt')::timestamptz <= $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        long rows = 0;
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                _ = reader.GetString(0);
                rows++;
            }
        return (rows, watch.Elapsed);
    }
}
