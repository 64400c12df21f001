using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Procedures;
using Omnichannel.Procedures.Cases;
using Omnichannel.Testing;

namespace Omnichannel.Benchmarks;

/// <summary>
/// Marten appends/s next to raw Npgsql inserts of the same rows into an equivalent table in the same database.
/// Marten is built by the services' own <see cref="EventStoreSetup.AddEventStore"/> (conjoined tenancy, string
/// stream keys, correlation/headers metadata, LISTEN/NOTIFY on append); each append is what a service does for a
/// new case: a lightweight tenant session, <c>StartStream</c>, <c>SaveChangesAsync</c>. Each raw append is one
/// durable transaction with the same rows. Marten and raw run in alternating rounds (raw, Marten, Marten, raw) so
/// that drift in the server (checkpoints, autovacuum, table growth) falls on both alike.
/// </summary>
public sealed class AppendThroughput(BenchOptions options, Report report)
{
    private const string Tenant = Tokens.Tenant;

    public async Task RunAsync()
    {
        var connectionString = await TestServers.NewDatabaseAsync();
        await PrintServerSettings(connectionString);

        // The event store alone, as every service builds it (no projections): the rows compared are the same.
        await using var plain = await BuildStore(connectionString, "procedures", configure: null);
        // And as the procedures service really runs it, with its inline read models (CaseView etc.): what
        // POST /cases costs beyond the append. Informative; the raw baseline has no read model.
        await using var withProjections = await BuildStore(connectionString, "procedures_inline", ProceduresService.Setup.EventStore);
        // Diagnostic: the same store with LISTEN/NOTIFY on append switched off (the services switch it on).
        await using var withoutNotify = await BuildStore(connectionString, "procedures_nonotify", o => o.Events.UseListenNotifyForEventAppends = false);
        var raw = new RawEventStore(connectionString, "baseline");
        await raw.CreateAsync();

        var store = plain.GetRequiredService<IDocumentStore>();
        var inlineStore = withProjections.GetRequiredService<IDocumentStore>();
        var quietStore = withoutNotify.GetRequiredService<IDocumentStore>();
        var events = ((StoreOptions)store.Options).Events;
        Console.WriteLine($"Marten: append mode {events.AppendMode}, tenancy {events.TenancyStyle}, stream identity {events.StreamIdentity}, " +
                          $"serializer {store.Options.Serializer().GetType().Name}, listen/notify on append {events.UseListenNotifyForEventAppends} " +
                          "— built by EventStoreSetup.AddEventStore as the services build it.");
        Console.WriteLine($"Both sides: same database, same connection string (pool max {new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize}), " +
                          $"one transaction per session/batch, every writer on its own pooled connection.");
        Console.WriteLine($"Each figure: {options.Seconds:0.#} s measured per side, in rounds raw/Marten/Marten/raw after a warm-up of both.");
        Console.WriteLine();

        var batch = options.BatchSize;
        await Compare("single-event sessions", 1, () => MartenSingle(store), raw.InsertSingleAsync);
        await Compare($"single-event sessions", options.Writers, () => MartenSingle(store), raw.InsertSingleAsync);
        await Compare($"{batch}-event batches", 1, () => MartenBatch(store, batch), () => raw.InsertBatchAsync(batch));
        await Compare($"{batch}-event batches", options.Writers, () => MartenBatch(store, batch), () => raw.InsertBatchAsync(batch));
        await Compare("single-event + procedures' inline read models", 1, () => MartenSingle(inlineStore), raw.InsertSingleAsync, informative: true);
        await Compare("single-event, LISTEN/NOTIFY off", options.Writers, () => MartenSingle(quietStore), raw.InsertSingleAsync, informative: true);

        await PrintRowWidths(connectionString, raw);
    }

    private async Task Compare(string what, int writers, Func<Task<int>> marten, Func<Task<int>> baseline, bool informative = false)
    {
        var warmUp = TimeSpan.FromSeconds(Math.Min(1, options.Seconds / 3));
        await Measure.ForAsync(warmUp, writers, baseline);
        await Measure.ForAsync(warmUp, writers, marten);

        var half = TimeSpan.FromSeconds(options.Seconds / 2);
        var rawResult = await Measure.ForAsync(half, writers, baseline);
        var martenResult = await Measure.ForAsync(half, writers, marten);
        martenResult += await Measure.ForAsync(half, writers, marten);
        rawResult += await Measure.ForAsync(half, writers, baseline);

        var name = $"Marten appends/s, {what}, {writers} writer{(writers == 1 ? "" : "s")}";
        Console.WriteLine($"  {name,-78} Marten {martenResult.PerSecond,7:N0}/s ({martenResult.Events,6:N0} events)   " +
                          $"raw {rawResult.PerSecond,7:N0}/s ({rawResult.Events,6:N0} events)");
        report.Throughput(name, martenResult, rawResult, informative);
    }

    private static async Task<int> MartenSingle(IDocumentStore store)
    {
        var e = Payloads.NewCase();
        using var context = RequestContext.Begin(Tenant, null);
        await using var session = store.OpenTenantSession();
        session.Events.StartStream(Case.StreamKey(e.CaseId), e);
        await session.SaveChangesAsync();
        return 1;
    }

    private static async Task<int> MartenBatch(IDocumentStore store, int size)
    {
        var events = Payloads.NewBatch(size);
        using var context = RequestContext.Begin(Tenant, null);
        await using var session = store.OpenTenantSession();
        session.Events.StartStream(Case.StreamKey(events[0].CaseId), events.Cast<object>().ToArray());
        await session.SaveChangesAsync();
        return size;
    }

    /// <summary>The store exactly as a service builds it, through a service collection; the schema applied as
    /// <c>ApplyAllDatabaseChangesOnStartup</c> would. No daemon: this is the API role, appends only.</summary>
    private static async Task<ServiceProvider> BuildStore(string connectionString, string schema, Action<StoreOptions>? configure)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Daemon:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddEventStore(configuration, schema, configure, publishesIntegrationEvents: false);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return provider;
    }

    private static async Task PrintServerSettings(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var settings = new List<string>();
        foreach (var name in new[] { "server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "shared_buffers" })
        {
            await using var show = new NpgsqlCommand($"show {name}", connection);
            settings.Add($"{name}={await show.ExecuteScalarAsync()}");
        }
        Console.WriteLine($"PostgreSQL: {string.Join(", ", settings)}");
        Console.WriteLine("  (durable as in production: every commit waits for its WAL flush; not the tests' fsync=off cluster)");
    }

    /// <summary>A fairness check: the rows both sides stored, side by side.</summary>
    private static async Task PrintRowWidths(string connectionString, RawEventStore raw)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<string> Describe(string table)
        {
            await using var command = new NpgsqlCommand(
                $"select count(*), avg(pg_column_size(e.*))::int, avg(octet_length(data::text))::int, pg_size_pretty(pg_total_relation_size('{table}')) from {table} e",
                connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return $"{reader.GetInt64(0):N0} rows, {reader.GetInt32(1)} B/row ({reader.GetInt32(2)} B of JSON), {reader.GetString(3)} with indexes";
        }
        Console.WriteLine();
        Console.WriteLine($"Rows written — Marten procedures.mt_events: {await Describe("procedures.mt_events")}");
        Console.WriteLine($"               raw {raw.Table}: {await Describe(raw.Table)}");
        Console.WriteLine($"               Marten also keeps procedures.mt_streams (one row per stream): {await Scalar(connection, "select count(*) from procedures.mt_streams"):N0} rows");
        Console.WriteLine();
    }

    private static async Task<long> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
