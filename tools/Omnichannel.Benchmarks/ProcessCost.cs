using System.Diagnostics;
using System.Diagnostics.Metrics;
using Npgsql;

namespace Omnichannel.Benchmarks;

/// <summary>
/// What a stretch of work cost, to divide by what it achieved: this process's CPU time (the service, its fakes and the
/// clients all run here), the CPU time of the PostgreSQL server it talks to (the postmaster and its backends, read from
/// /proc), the bytes this process allocated, the database round trips Npgsql made (its <c>db.client.operation.duration</c>
/// measurements, one per command or batch) and the transactions PostgreSQL committed (<c>pg_stat_database</c>, every
/// client of the database: the async daemon's included; a statement outside a transaction block is one, and so is the
/// <c>DISCARD ALL</c> Npgsql sends with a pooled connection's next command), of which those that wrote (the transaction
/// ids the server handed out: only a transaction that writes gets one, and only its commit waits for the WAL to reach the
/// disk) and the WAL's syncs to disk (<c>pg_stat_wal</c>: commits that arrive together share one). Only stretches between <see cref="StartAsync"/> and
/// <see cref="StopAsync"/> count, so alternating rounds of something else are left out.
/// </summary>
public sealed class ProcessCost : IDisposable
{
    private readonly string connectionString;
    private readonly MeterListener listener = new();
    private long roundTrips;
    private Snapshot? started;
    private Totals totals;
    private int? postmaster;

    public ProcessCost(string connectionString)
    {
        this.connectionString = connectionString;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.operation.duration") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref roundTrips));
        listener.Start();
    }

    public async Task StartAsync() => started = await TakeAsync();

    public async Task StopAsync()
    {
        var now = await TakeAsync();
        var from = started ?? throw new InvalidOperationException("Not started.");
        totals = new Totals(
            totals.ProcessCpu + (now.ProcessCpu - from.ProcessCpu),
            totals.DatabaseCpu + (now.DatabaseCpu - from.DatabaseCpu),
            totals.Allocated + (now.Allocated - from.Allocated),
            totals.RoundTrips + (now.RoundTrips - from.RoundTrips),
            totals.Commits + (now.Commits - from.Commits),
            totals.Writes + (now.Writes - from.Writes),
            totals.WalSyncs + (now.WalSyncs - from.WalSyncs));
        started = null;
    }

    /// <summary>Per unit of work: e.g. "per answer: process CPU 3.1 ms, …".</summary>
    public string Per(double units, string unit) =>
        $"per {unit}: process CPU {totals.ProcessCpu.TotalMilliseconds / units:0.00} ms, PostgreSQL CPU {totals.DatabaseCpu.TotalMilliseconds / units:0.00} ms, " +
        $"allocated {totals.Allocated / units / 1024:0} KiB, Npgsql round trips {totals.RoundTrips / units:0.0}, commits {totals.Commits / units:0.00} " +
        $"(of which wrote {totals.Writes / units:0.00}; WAL syncs {totals.WalSyncs / units:0.00})";

    private async Task<Snapshot> TakeAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        postmaster ??= await PostmasterAsync(connection);
        // The next transaction id (taking it assigns none) and the WAL's syncs, cluster-wide: the benchmark's own server.
        await using var command = new NpgsqlCommand(
            "select (select xact_commit from pg_stat_database where datname = current_database()), " +
            "pg_snapshot_xmax(pg_current_snapshot())::text::bigint, (select wal_sync from pg_stat_wal)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (commits, writes, walSyncs) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        using var self = Process.GetCurrentProcess();
        return new Snapshot(self.TotalProcessorTime, ServerCpu(postmaster), GC.GetTotalAllocatedBytes(), Interlocked.Read(ref roundTrips), commits, writes, walSyncs);
    }

    private static async Task<int?> PostmasterAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var command = new NpgsqlCommand("select current_setting('data_directory')", connection);
            var folder = (string)(await command.ExecuteScalarAsync())!;
            var first = (await File.ReadAllLinesAsync(Path.Combine(folder, "postmaster.pid")))[0];
            return int.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is PostgresException or IOException or UnauthorizedAccessException or FormatException)
        {
            return null; // not a local server this process can see: no database CPU
        }
    }

    /// <summary>The postmaster's and its children's CPU time (utime + stime from /proc/PID/stat, in clock ticks of 10 ms).</summary>
    private static TimeSpan ServerCpu(int? postmaster)
    {
        if (postmaster is not { } root) return TimeSpan.Zero;
        long ticks = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                // Fields after the command name, which is in parentheses and may hold spaces.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                if (pid != root && parent != root) continue;
                ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // gone meanwhile
            }
        }
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    public void Dispose() => listener.Dispose();

    private readonly record struct Snapshot(TimeSpan ProcessCpu, TimeSpan DatabaseCpu, long Allocated, long RoundTrips, long Commits, long Writes, long WalSyncs);

    private readonly record struct Totals(TimeSpan ProcessCpu, TimeSpan DatabaseCpu, long Allocated, long RoundTrips, long Commits, long Writes, long WalSyncs);
}
