using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;
using Omnichannel.AppHost;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.CrashTest;

// The crash experiment (tools/crash.sh): the services as plain processes on loopback, a steady load, each target
// killed with SIGKILL in turn and started again, then a summary of what was accepted against what was delivered.
CrashOptions options;
try { options = CrashOptions.Parse(args, PlatformServices.All.Select(s => s.Name).ToList()); }
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CrashOptions.Usage);
    return 2;
}

var clock = Stopwatch.StartNew();
void Log(string line) => Console.Error.WriteLine($"[crash {clock.Elapsed:mm\\:ss}] {line}");
using var deadline = new CancellationTokenSource(options.Duration);

// A database of its own on the throwaway cluster; the broker's default virtual host (fresh: nothing ever bound).
var database = $"crash_{DateTime.UtcNow:yyyyMMddHHmmss}";
await using (var admin = new NpgsqlConnection(options.Postgres))
{
    await admin.OpenAsync();
    await using var create = new NpgsqlCommand($"create database {database}", admin);
    await create.ExecuteNonQueryAsync();
}
var postgres = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = database }.ConnectionString;
var runDir = Path.Combine(Path.GetTempPath(), database);
Directory.CreateDirectory(runDir);

var signing = new JwtSettings { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)) };
var services = PlatformServices.All.ToDictionary(s => s.Name, s => new ServiceProcess(s, options.Root, runDir));
foreach (var service in services.Values)
{
    service.Environment["ConnectionStrings__Postgres"] = postgres;
    service.Environment["ConnectionStrings__RabbitMq"] = Environment.GetEnvironmentVariable("OMNI_CRASH_RABBITMQ")!;
    service.Environment["Auth__SigningKey"] = signing.SigningKey;
    service.Environment["Daemon__Enabled"] = "true";
    service.Environment["DemoData__Enabled"] = "true";
    service.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    foreach (var key in service.Service.Secrets)
        service.Environment[key.Replace(":", "__")] = key.Contains(":SigningKeys:", StringComparison.Ordinal)
            ? Convert.ToBase64String(RSA.Create(2048).ExportPkcs8PrivateKey()) // the identity service's RSA signing key (PKCS#8)
            : Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    foreach (var other in services.Values.Where(o => o != service))
        service.Environment[$"services__{other.Name}__grpc__0"] = $"http://127.0.0.1:{other.GrpcPort}";
}
var broker = new BrokerProcess(options.RabbitMqDataDir, options.Root);
var ledger = new Ledger(postgres, [.. services.Keys]);
var kills = new List<KillResult>();
var load = new Load(services, TokenIssuer.Issue(signing, OmnichannelRoles.ChannelApp, "mataro", "crash-kiosk", TimeSpan.FromHours(6)), options.RequestsPerSecond, options.Workers);

async Task<bool> UntilAsync(Func<Task<bool>> done, TimeSpan timeout)
{
    var until = DateTime.UtcNow + timeout;
    while (DateTime.UtcNow < until && !deadline.IsCancellationRequested)
    {
        if (await done()) return true;
        await Task.Delay(200);
    }
    return false;
}
async Task<bool> AllReadyAsync() => (await Task.WhenAll(services.Values.Select(s => Readiness.IsReadyAsync(s.HttpAddress)))).All(r => r);

Console.CancelKeyPress += (_, e) => { e.Cancel = true; deadline.Cancel(); };
var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
Task? running = null;
try
{
    Log($"starting {string.Join(", ", services.Keys)} (logs in {runDir})");
    foreach (var service in services.Values) service.Start();
    if (!await UntilAsync(AllReadyAsync, TimeSpan.FromSeconds(180))) throw new InvalidOperationException($"the services did not become ready; see {runDir}");
    await load.RegisterCitizensAsync(40);
    // The outboxes recovery waits on, as found in the services' tables (one that has never published is not there yet).
    Log($"outboxes followed: {string.Join(", ", (await ledger.OutboxesAsync()).Keys)}");
    Log($"ready; load: {options.RequestsPerSecond}/s from {options.Workers} clients; {options.Rounds} round(s) over {string.Join(", ", options.Targets)}");
    running = load.RunAsync(stopLoad.Token);
    await Task.Delay(options.Gap, deadline.Token);

    for (var round = 1; round <= options.Rounds && !deadline.IsCancellationRequested; round++)
        foreach (var target in options.Targets)
        {
            if (deadline.IsCancellationRequested) break;
            var killedAt = clock.Elapsed;
            if (target == CrashOptions.Broker)
            {
                broker.Kill();
                await broker.StartAsync();
            }
            else
            {
                services[target].Kill();
                services[target].Start();
            }
            // Recovered: every service answers ready, and every outbox has published what was stored by then (the
            // backlog of the outage), read from the services' tables, not from a figure the restarted process may not
            // have measured yet.
            var ready = await UntilAsync(AllReadyAsync, options.RecoverTimeout);
            var readyAt = clock.Elapsed;
            var backlog = await ledger.OutboxesAsync();
            var caughtUp = ready && await UntilAsync(() => ledger.CaughtUpWithAsync(backlog), options.RecoverTimeout - (readyAt - killedAt));
            kills.Add(new(round, target, ready ? (readyAt - killedAt).TotalSeconds : null, caughtUp ? (clock.Elapsed - killedAt).TotalSeconds : null));
            Log($"round {round}: {target} killed; ready after {kills[^1].ReadySeconds:0.0} s, outbox caught up after {kills[^1].RecoveredSeconds:0.0} s");
            await Task.Delay(options.Gap, deadline.Token);
        }
}
catch (OperationCanceledException) when (deadline.IsCancellationRequested)
{
    Log("the time limit (--duration) or Ctrl-C ended the kills");
}
catch (Exception e)
{
    Log($"the experiment stopped: {e.Message}");
}
finally
{
    stopLoad.Cancel();
    if (running is not null) await running;
}

// Quiescence: every outbox published all that was stored, and the history stops growing; bounded.
Log("load stopped; waiting for quiescence");
var accepted = (Cases: load.Tally.AcceptedCases.ToHashSet(), Bookings: load.Tally.AcceptedBookings.ToHashSet());
var settleUntil = DateTime.UtcNow + TimeSpan.FromSeconds(180);
var (lastCount, stableSince) = (-1, DateTime.UtcNow);
while (DateTime.UtcNow < settleUntil)
{
    var outboxes = await ledger.OutboxesAsync();
    var count = (await ledger.HistoryLinesAsync("case-submitted")).Count + (await ledger.HistoryLinesAsync("appointment-booked")).Count;
    if (count != lastCount) (lastCount, stableSince) = (count, DateTime.UtcNow);
    var allIn = count >= accepted.Cases.Count + accepted.Bookings.Count;
    if (outboxes.All(o => o.Value.Published >= o.Value.Stored) && (allIn || DateTime.UtcNow - stableSince > TimeSpan.FromSeconds(20))) break;
    await Task.Delay(500);
}

var cases = await ledger.HistoryLinesAsync("case-submitted");
var bookings = await ledger.HistoryLinesAsync("appointment-booked");
foreach (var service in services.Values) service.Stop();

var report = new Report(options, load.Tally, kills,
    new Delivery("case submissions → history", accepted.Cases.Count, accepted.Cases.Count(c => cases.ContainsKey(c)), accepted.Cases.Count(c => !cases.ContainsKey(c)), cases.Count(c => c.Value > 1)),
    new Delivery("bookings → history", accepted.Bookings.Count, accepted.Bookings.Count(c => bookings.ContainsKey(c)), accepted.Bookings.Count(c => !bookings.ContainsKey(c)), bookings.Count(c => c.Value > 1)),
    clock.Elapsed, runDir);
Console.WriteLine(report.Render());
return 0;
