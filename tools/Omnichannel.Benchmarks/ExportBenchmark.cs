using System.Diagnostics;
using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Marten.Storage;
using Npgsql;
using Omnichannel.Testing;

namespace Omnichannel.Benchmarks;

/// <summary>
/// The analysts' export (issue 16): N events (default 1,000,000) seeded straight into the procedures schema's Marten
/// event table (INSERT … SELECT generate_series: seconds, not minutes), exported by the CLI as a process of its own in
/// each format, next to a raw <c>COPY (SELECT …) TO STDOUT</c> of the same rows into a file in the same run (goal: NDJSON
/// and Parquet ≥ 0.5× its rows/s). Peak memory (VmHWM of the CLI process) at N/10 and N events, each format: flat
/// (N's peak within 15 % of N/10's) means the export streams.
/// </summary>
public sealed class ExportBenchmark(BenchOptions options, Report report)
{
    public async Task RunAsync()
    {
        var n = options.ExportEvents;
        Console.WriteLine($"Export: seeding {n:N0} events…");
        var connectionString = await TestServers.NewDatabaseAsync();
        await using (var store = DocumentStore.For(o =>
        {
            o.Connection(connectionString);
            o.DatabaseSchemaName = "procedures";
            o.Events.DatabaseSchemaName = "procedures";
            o.Events.TenancyStyle = TenancyStyle.Conjoined;
            o.Policies.AllDocumentsAreMultiTenanted();
            o.Events.StreamIdentity = StreamIdentity.AsString;
            o.Events.MetadataConfig.CorrelationIdEnabled = true;
            o.Events.MetadataConfig.HeadersEnabled = true;
            o.AutoCreateSchemaObjects = AutoCreate.All;
        }))
        {
            // One event through Marten makes its event tables exactly as a service's; the rest are seeded in SQL.
            await using var session = store.LightweightSession("mataro");
            session.Events.Append("case:0", new ExportBenchCaseSubmitted(Guid.NewGuid(), "procedure-0", "online", DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var seeding = Stopwatch.StartNew();
        await using (var seed = dataSource.CreateCommand($"""
            insert into procedures.mt_streams (id, tenant_id, version, timestamp, created)
              select 'case:' || s, 'mataro', 100, now(), now() from generate_series(1, ({n} + 99) / 100) s;
            insert into procedures.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id)
              select nextval('procedures.mt_events_sequence'), gen_random_uuid(), 'case:' || ((g - 1) / 100 + 1), (g - 1) % 100 + 1,
                     jsonb_build_object('CaseId', gen_random_uuid(), 'TrackingCode', 'T' || lpad(g::text, 10, '0'),
                                        'ProcedureCode', 'procedure-' || (g % 40), 'CitizenId', md5(g::text)::uuid,
                                        'Channel', (array['online','phone','kiosk','point0'])[g % 4 + 1], 'Number', g, 'Urgent', g % 7 = 0,
                                        'At', now() - make_interval(secs => {n} - g)),
                     'case_submitted', now() - make_interval(secs => {n} - g), 'mataro', 'Bench.CaseSubmitted, Bench', 'corr-' || g
              from generate_series(1, {n}) g;
            """))
        {
            seed.CommandTimeout = 0;
            await seed.ExecuteNonQueryAsync();
        }
        // Outside the seeding's transaction (VACUUM refuses one): statistics and visibility as a settled table has.
        await using (var vacuum = dataSource.CreateCommand("vacuum analyze procedures.mt_events"))
        {
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"Export: seeded in {seeding.Elapsed.TotalSeconds:0.0} s");

        long PositionOf(long nth)
        {
            using var command = dataSource.CreateCommand($"select seq_id from procedures.mt_events order by seq_id offset {nth - 1} limit 1");
            return (long)command.ExecuteScalar()!;
        }
        var last = PositionOf(n);
        var tenth = PositionOf(Math.Max(1, n / 10));

        var folder = Directory.CreateTempSubdirectory("omni-export-bench-").FullName;
        try
        {
            // The raw baseline twice (the first warms the cache for everyone), the second counted.
            await RawCopyAsync(dataSource, last, Path.Combine(folder, "copy.txt"));
            var copy = await RawCopyAsync(dataSource, last, Path.Combine(folder, "copy.txt"));
            var copyRate = n / copy.TotalSeconds;
            Console.WriteLine($"Export: raw COPY {n:N0} rows in {copy.TotalSeconds:0.00} s");

            var peaks = new Dictionary<string, long>();
            foreach (var format in new[] { "ndjson", "csv", "parquet" })
            {
                var (took, peak, size) = await CliExportAsync(connectionString, format, last, Path.Combine(folder, "out." + format));
                peaks[format] = peak;
                var rate = n / took.TotalSeconds;
                Console.WriteLine($"Export: {format} {n:N0} events in {took.TotalSeconds:0.00} s, {size / 1048576.0:0} MB, peak RSS {peak / 1048576.0:0} MB");
                if (format is "csv")
                    report.Info($"export {format} events/s ({n:N0})", $"{rate:N0}/s", $"raw COPY {copyRate:N0}/s", $"{rate / copyRate:0.00}");
                else
                    report.Ratio($"export {format} events/s ({n:N0})", $"{rate:N0}/s", $"raw COPY {copyRate:N0}/s", rate / copyRate, 0.5, $"export {format}");
            }
            foreach (var format in new[] { "ndjson", "csv", "parquet" })
            {
                var (_, small, _) = await CliExportAsync(connectionString, format, tenth, Path.Combine(folder, "small." + format));
                // "Flat": the peak at N within 15 % of the peak at N/10 (the runtime, JIT and buffers are a fixed cost).
                var growth = (double)peaks[format] / small;
                report.Ratio($"export {format} peak memory, {n:N0} vs {n / 10:N0} events", $"{peaks[format] / 1048576.0:0} MB", $"{small / 1048576.0:0} MB",
                    growth, "ratio ≤ 1.15 (flat)", growth <= 1.15);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<TimeSpan> RawCopyAsync(NpgsqlDataSource dataSource, long upTo, string path)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync();
        // Text COPY, as psql's \copy writes it: the rows PostgreSQL formats itself, written to a file.
        using (var copy = await connection.BeginTextExportAsync(
            $"copy (select seq_id, id, stream_id, version, type, timestamp, tenant_id, correlation_id, data from procedures.mt_events where seq_id > 0 and seq_id <= {upTo} order by seq_id) to stdout"))
        await using (var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = await copy.ReadAsync(buffer, 0, buffer.Length)) > 0) await file.WriteAsync(buffer, 0, read);
        }
        return watch.Elapsed;
    }

    /// <summary>Runs <c>Omnichannel.Cli export</c> and samples its peak resident memory (VmHWM) until it exits.</summary>
    private static async Task<(TimeSpan Took, long PeakBytes, long Size)> CliExportAsync(string connectionString, string format, long upTo, string path)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { CliDll(), "export", "--connection", connectionString, "--service", "procedures", "--format", format,
                     "--up-to", upTo.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", path, "--overwrite", "--quiet" })
            start.ArgumentList.Add(arg);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, VmHwm(process.Id));
            await Task.Delay(20);
        }
        var took = watch.Elapsed;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"export {format} exited {process.ExitCode}: {await stderr}{await stdout}");
        return (took, peak, new FileInfo(path).Length);
    }

    private static long VmHwm(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { }
        return 0;
    }

    private static string CliDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "Omnichannel.Cli", "bin", "Release", "net10.0", "Omnichannel.Cli.dll");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("Omnichannel.Cli.dll (Release) not found: tools/bench.sh builds it.");
    }
}

public sealed record ExportBenchCaseSubmitted(Guid CaseId, string ProcedureCode, string Channel, DateTimeOffset At);
