using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.Kiosks;
using Omnichannel.Testing;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Benchmarks;

/// <summary>
/// A fleet of 2,000 kiosks heart-beating every 10 s for a minute: 12,000 heartbeats, through the real kiosks service
/// hosted in this process (HTTP, kiosk token, the access filter reading the kiosk, the health document saved with
/// optimistic concurrency, events only for changes). Time is compressed: the six 10-second rounds are sent one after
/// the other as fast as 32 connections take them (each round waits for the previous one, so every kiosk's heartbeats
/// stay in order), which is harder than the real 200/s. In round 3, 5 % of the kiosks report their printer low on
/// paper and in round 5 fine again: 200 changes, the only events that may be written. Beside it, in the same run, a
/// plain INSERT of each of the same 12,000 heartbeats into a table (one autocommit statement each, 32 connections).
/// The kiosks are seeded straight into the event store (enrolment's credential hashing is not what is measured) and
/// their tokens minted with the platform key, as signing in does.
/// </summary>
public sealed class HeartbeatThroughput(Report report)
{
    private const int Kiosks = 2000;
    private const int Rounds = 6; // a minute of 10-second heartbeats
    private const int Concurrency = 32;
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);
    private const string Office = "bench-office";

    public async Task RunAsync()
    {
        using var bounded = new CancellationTokenSource(Bound);
        var tokens = new Tokens();
        var common = new Dictionary<string, string?>(await TestServers.NewPlatformSettingsAsync(tokens))
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Marten"] = "Warning",
            ["Kiosks:TokenMinutes"] = "60",
            // No offline or session watch during the run: only the heartbeats' own changes are counted.
            ["Kiosks:WatchIntervalSeconds"] = "3600",
            ["Kiosks:OfflineAfterSeconds"] = "3600",
        };
        await using var kiosks = new ServiceHost<Omnichannel.Kiosks.Program>(common, withGrpc: false);
        kiosks.Start();
        var store = kiosks.Services.GetRequiredService<IDocumentStore>();

        await kiosks.Services.GetRequiredService<IBus>().Publish(new V1.OfficeRegistered(Tokens.Tenant, DateTimeOffset.UtcNow, null, null, Office,
            new("Oficina", "Oficina", "Office"), "Carrer 1", "on-site", 4), c => c.MessageId = Guid.NewGuid());
        var seeding = Stopwatch.StartNew();
        var ids = await SeedAsync(store);
        var clients = ids.Select((id, index) =>
        {
            var token = TokenIssuer.Issue(tokens.Settings, OmnichannelRoles.Kiosk, Tokens.Tenant, $"kiosk:{id}", TimeSpan.FromHours(1), null,
                [new Claim(KioskClaims.Office, Office), new Claim(KioskClaims.KioskId, id), new Claim(KioskClaims.Credential, Credential(id))]);
            return (Id: id, Index: index, Auth: new AuthenticationHeaderValue("Bearer", token));
        }).ToList();
        Console.WriteLine($"Heartbeats: kiosks service started in-process, {Kiosks:N0} kiosks seeded in {seeding.Elapsed.TotalSeconds:0.0} s.");

        using var http = kiosks.Client();
        http.Timeout = TimeSpan.FromSeconds(30);
        // Warm-up: one heartbeat from 64 kiosks (JIT, pools, plans), not counted; their next heartbeats are newer.
        await ForEachAsync(clients.Take(64), 0, c => BeatAsync(http, c.Id, c.Index, c.Auth, 0), bounded.Token);

        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        for (var round = 1; round <= Rounds; round++)
        {
            var r = round;
            await ForEachAsync(clients, Concurrency, async c =>
            {
                var start = Stopwatch.GetTimestamp();
                await BeatAsync(http, c.Id, c.Index, c.Auth, r);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }, bounded.Token);
        }
        var elapsed = clock.Elapsed;
        var changes = await CountAsync(kiosks, "select count(*) from {schema}.mt_events where stream_id like 'kiosk-health:%'");

        // The baseline: the same 12,000 heartbeats, each a plain INSERT.
        var raw = new ConcurrentBag<double>();
        var connection = ConnectionString(kiosks);
        await using var source = NpgsqlDataSource.Create(connection);
        await using (var create = source.CreateCommand("create table if not exists bench_heartbeats (kiosk_id text not null, sent_at timestamptz not null, " +
                                                        "received_at timestamptz not null default now(), software_version text not null, peripherals jsonb not null)"))
            await create.ExecuteNonQueryAsync();
        var rawClock = Stopwatch.StartNew();
        for (var round = 1; round <= Rounds; round++)
        {
            var r = round;
            await ForEachAsync(clients, Concurrency, async c =>
            {
                var start = Stopwatch.GetTimestamp();
                await using var insert = source.CreateCommand("insert into bench_heartbeats (kiosk_id, sent_at, software_version, peripherals) values ($1, $2, $3, $4::jsonb)");
                insert.Parameters.Add(new() { Value = c.Id });
                insert.Parameters.Add(new() { Value = DateTimeOffset.UtcNow });
                insert.Parameters.Add(new() { Value = "4.2.0" });
                insert.Parameters.Add(new() { Value = System.Text.Json.JsonSerializer.Serialize(Peripherals(c.Index, r)) });
                await insert.ExecuteNonQueryAsync();
                raw.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }, bounded.Token);
        }
        var rawElapsed = rawClock.Elapsed;

        var total = Kiosks * Rounds;
        var sorted = latencies.Order().ToList();
        var rawSorted = raw.Order().ToList();
        Console.WriteLine($"Heartbeats: {total:N0} heartbeats ({Kiosks:N0} kiosks × {Rounds} rounds, time compressed) in {elapsed.TotalSeconds:0.0} s with {Concurrency} connections; " +
                          $"{changes:N0} events written (expected {2 * Kiosks / 20:N0}: only the changes) where the plain INSERT wrote {total:N0} rows; the real fleet needs {Kiosks / 10:N0}/s.");
        report.Rate("Kiosk heartbeats absorbed/s (HTTP, 2,000 kiosks)", total / elapsed.TotalSeconds, "plain INSERT", total / rawElapsed.TotalSeconds);
        report.Latency("Kiosk heartbeat", "heartbeat", "p50", Measure.Percentile(sorted, 50), "plain INSERT", Measure.Percentile(rawSorted, 50), null);
        report.Latency("Kiosk heartbeat", "heartbeat", "p99", Measure.Percentile(sorted, 99), "plain INSERT", Measure.Percentile(rawSorted, 99), null);
    }

    /// <summary>5 % of the kiosks (every twentieth) are low on paper in rounds 3 and 4.</summary>
    private static Dictionary<string, string> Peripherals(int index, int round) => new()
    {
        ["touchscreen"] = "ok",
        ["printer"] = round is 3 or 4 && index % 20 == 0 ? "paper-low" : "ok",
        ["id-card-scanner"] = "ok",
    };

    private static async Task BeatAsync(HttpClient http, string kioskId, int index, AuthenticationHeaderValue auth, int round)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/kiosks/{kioskId}/heartbeats")
        {
            Content = JsonContent.Create(new { sentAt = DateTimeOffset.UtcNow, softwareVersion = "4.2.0", peripherals = Peripherals(index, round) }),
        };
        request.Headers.Authorization = auth;
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"heartbeat of {kioskId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string Credential(string kioskId) => $"bench-{kioskId}";

    private static async Task<List<string>> SeedAsync(IDocumentStore store)
    {
        var ids = Enumerable.Range(0, Kiosks).Select(_ => KioskCodes.Kiosk.New()).Distinct().ToList();
        var at = DateTimeOffset.UtcNow;
        foreach (var chunk in ids.Chunk(250))
        {
            await using var session = store.LightweightSession(Tokens.Tenant);
            foreach (var id in chunk)
                session.Events.StartStream(KioskState.StreamKey(id),
                    new KioskEnrolled(id, Office, "Vestíbul", [Peripheral.IdCardScanner, Peripheral.Printer, Peripheral.Touchscreen], at, "bench"),
                    new KioskCredentialIssued(id, new StoredCredential(Credential(id), "-", "-"), null, at, "bench"));
            await session.SaveChangesAsync();
        }
        return ids;
    }

    private static async Task ForEachAsync<T>(IEnumerable<T> items, int concurrency, Func<T, Task> work, CancellationToken ct) =>
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency == 0 ? 16 : concurrency, CancellationToken = ct },
            async (item, _) => await work(item));

    private static string ConnectionString(ServiceHost<Omnichannel.Kiosks.Program> host) =>
        host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres")
        ?? throw new InvalidOperationException("No Marten connection string.");

    private static async Task<long> CountAsync(ServiceHost<Omnichannel.Kiosks.Program> host, string sql)
    {
        var schema = ((StoreOptions)host.Services.GetRequiredService<IDocumentStore>().Options).Events.DatabaseSchemaName;
        await using var source = NpgsqlDataSource.Create(ConnectionString(host));
        await using var command = source.CreateCommand(sql.Replace("{schema}", schema));
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
