extern alias gateway;

using System.Diagnostics;
using System.Net.Http.Headers;
using Omnichannel.Testing;

namespace Omnichannel.Benchmarks;

/// <summary>
/// What the gateway costs: the same catalogue read (GET /api/procedures/{code}, a channel app's token) sent by the
/// same concurrent clients straight to the procedures service's REST port and through the gateway (YARP, the token
/// checked, the council taken from it, admission and rate limits counted), in alternating rounds of one run. Prints
/// the throughput ratio and the latency the gateway adds at p50 and p99. Both sides run on the same two cores, so the
/// gateway's CPU is part of what it costs.
/// </summary>
public sealed class GatewayOverhead(BenchOptions options, Report report)
{
    private const string Path = "/api/procedures/census-registration";
    private const int Rounds = 4;

    public async Task RunAsync()
    {
        var tokens = new Tokens();
        var common = new Dictionary<string, string?>(await TestServers.NewPlatformSettingsAsync(tokens))
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["DemoData:Enabled"] = "true",
            ["services:citizens:grpc"] = "http://127.0.0.1:1", // not called by a catalogue read
        };
        await using var procedures = new ServiceHost<Procedures.Program>(common, withGrpc: true);
        var hosts = new Dictionary<string, IServiceHost> { ["procedures"] = procedures };
        var gatewaySettings = PlatformWiring.GatewaySettings(hosts);
        gatewaySettings["Auth:SigningKey"] = tokens.Settings.SigningKey;
        gatewaySettings["Logging:LogLevel:Default"] = "Warning";
        // Limits far above the load: this measures the proxy, not its refusals.
        gatewaySettings["RateLimiting:PermitsPerMinute"] = "100000000";
        gatewaySettings["RateLimiting:BurstPermits"] = "1000000";
        gatewaySettings["Admission:InFlight:read"] = "100000";
        await using var gateway = new ServiceHost<gateway::Program>(gatewaySettings, withGrpc: false);
        procedures.Start();
        gateway.Start();

        var token = tokens.ChannelApp();
        using var direct = Client(procedures.HttpAddress, token);
        using var through = Client(gateway.HttpAddress, token);
        // The demo catalogue is loaded by a hosted service at start: wait until the procedure answers.
        await Eventually.Until(async () => (await direct.GetAsync(Path)).IsSuccessStatusCode, ok => ok, TimeSpan.FromSeconds(60), "the demo catalogue");

        var clients = options.Writers;
        var slice = TimeSpan.FromSeconds(options.Seconds / Rounds);
        Console.WriteLine($"Gateway overhead: GET {Path} from {clients} concurrent clients, direct and through the gateway in {Rounds} alternating rounds of {slice.TotalSeconds:0.0} s each…");
        await MeasureAsync(direct, clients, TimeSpan.FromSeconds(1));  // warm-up, both paths
        await MeasureAsync(through, clients, TimeSpan.FromSeconds(1));

        var directRuns = new Run();
        var gatewayRuns = new Run();
        for (var round = 0; round < Rounds; round++)
        {
            directRuns.Add(await MeasureAsync(direct, clients, slice));
            gatewayRuns.Add(await MeasureAsync(through, clients, slice));
        }

        var d = directRuns.Result();
        var g = gatewayRuns.Result();
        Console.WriteLine($"  direct:  {d.PerSecond:N0} reads/s, p50 {d.P50:0.00} ms, p99 {d.P99:0.00} ms ({d.Count:N0} reads)");
        Console.WriteLine($"  gateway: {g.PerSecond:N0} reads/s, p50 {g.P50:0.00} ms, p99 {g.P99:0.00} ms ({g.Count:N0} reads)");
        Console.WriteLine($"  the gateway keeps {g.PerSecond / d.PerSecond:P0} of the direct throughput and adds {g.P50 - d.P50:0.00} ms at p50, {g.P99 - d.P99:0.00} ms at p99");
        report.Rate($"catalogue reads/s through the gateway ({clients} clients)", g.PerSecond, "direct", d.PerSecond);
        report.Latency("catalogue read through the gateway", "gateway", "p50", g.P50, "direct", d.P50, goalMs: null);
        report.Latency("catalogue read through the gateway", "gateway", "p99", g.P99, "direct", d.P99, goalMs: null);
    }

    private static HttpClient Client(Uri address, string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Every read's latency in milliseconds, and how long the clients ran.</summary>
    private static async Task<(List<double> Latencies, TimeSpan Elapsed)> MeasureAsync(HttpClient client, int clients, TimeSpan duration)
    {
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(Path);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            lock (latencies) latencies.AddRange(mine);
        })));
        return (latencies, clock.Elapsed);
    }

    private sealed class Run
    {
        private readonly List<double> latencies = [];
        private TimeSpan elapsed;

        public void Add((List<double> Latencies, TimeSpan Elapsed) round)
        {
            latencies.AddRange(round.Latencies);
            elapsed += round.Elapsed;
        }

        public (double PerSecond, double P50, double P99, int Count) Result()
        {
            var sorted = latencies.Order().ToList();
            return (sorted.Count / elapsed.TotalSeconds, Measure.Percentile(sorted, 50), Measure.Percentile(sorted, 99), sorted.Count);
        }
    }
}
