using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Citizens.History;
using Omnichannel.Testing;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Benchmarks;

/// <summary>
/// Append → citizen-history visibility: the real procedures and citizens services hosted in this process on
/// loopback ports (as the end-to-end tests host them), their own database and RabbitMQ virtual host, the outbox
/// subscription and the consumers running as in production. Citizens are registered; then kiosks (a few at once,
/// then one alone), one case at a time each, submit cases through the procedures REST API and the clock stops
/// when the history entry carrying the
/// case's tracking code is committed in the citizens service: a consume observer on its bus notes the moment the
/// consumer has saved, and a query of the citizens store for that HistoryEntry confirms it is there (a 20 ms poll of
/// the store stands in when the observer is silent). The observer costs nothing; polling fast enough for a precise
/// figure would load the two cores that the services run on.
/// </summary>
public sealed class HistoryLatency(BenchOptions options, Report report)
{
    private const int WarmUpCases = 20;
    private static readonly TimeSpan PerCaseTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FallbackPoll = TimeSpan.FromMilliseconds(20);

    private sealed record Submitted(Guid CaseId, string TrackingCode);
    private sealed record Registered(Guid CitizenId);
    private sealed record HistoryPage(long Total);
    /// <summary>One case's timeline, in Stopwatch ticks: POST sent, 201 received, the outbox starting to publish its
    /// CaseSubmitted, the broker confirming it, the history entry visible.</summary>
    private readonly record struct Sample(long Start, long Acknowledged, long Publishing, long Published, long Visible, bool ByObserver)
    {
        public double PostMs => Ms(Start, Acknowledged);
        public double VisibleMs => Ms(Start, Visible);
        public double AfterAckMs => Ms(Acknowledged, Visible);
        public double ToOutboxMs => Ms(Acknowledged, Publishing);
        public double PublishMs => Ms(Publishing, Published);
        public double DeliveryMs => Ms(Published, Visible);
    }

    public async Task RunAsync()
    {
        var tokens = new Tokens();
        var common = new Dictionary<string, string?>(await TestServers.NewPlatformSettingsAsync(tokens))
        {
            // The services' own logs would drown the figures; warnings and errors still show.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Marten"] = "Warning",
        };
        await using var procedures = new ServiceHost<Procedures.Program>(common, withGrpc: true).With("DemoData:Enabled", "true");
        await using var citizens = new ServiceHost<Citizens.Program>(common, withGrpc: true);
        foreach (var (key, address) in new[] { ("Services:Procedures:Grpc", procedures.GrpcAddress!), ("Services:Citizens:Grpc", citizens.GrpcAddress!) })
        {
            procedures.With(key, address.ToString());
            citizens.With(key, address.ToString());
        }

        var starting = Stopwatch.StartNew();
        procedures.Start();
        citizens.Start();
        Console.WriteLine($"Procedures and citizens services started in-process in {starting.Elapsed.TotalSeconds:0.0} s " +
                          "(REST on HTTP/1.1 and gRPC on h2c over loopback, outbox subscription and consumers live, daemon in HotCold mode).");

        var observer = new HistoryObserver();
        using var observing = citizens.Services.GetRequiredService<IBus>().ConnectConsumeObserver(observer);
        var outbox = new OutboxObserver();
        using var publishing = procedures.Services.GetRequiredService<IBus>().ConnectPublishObserver(outbox);
        var historyStore = citizens.Services.GetRequiredService<IDocumentStore>();

        using var kiosk = procedures.Client(tokens.ChannelApp());
        using var citizensApi = citizens.Client(tokens.ChannelApp());
        var daemon = ((StoreOptions)procedures.Services.GetRequiredService<IDocumentStore>().Options).Projections;
        var phase = new Phase(kiosk, citizensApi, observer, outbox, historyStore, daemon.SlowPollingTime, daemon.FastPollingTime);

        // The main figure: a few kiosks at once, so the pipeline is steadily in use, over the full count.
        await RunPhase(phase, options.LatencyConcurrency, options.LatencyEvents);
        // One kiosk alone: every case arrives when the pipeline has just gone idle — where the outbox is slowest to wake.
        if (options.LatencyEventsAlone > 0) await RunPhase(phase, 1, options.LatencyEventsAlone);
    }

    private sealed record Phase(
        HttpClient Kiosk, HttpClient CitizensApi, HistoryObserver Observer, OutboxObserver Outbox, IDocumentStore HistoryStore,
        TimeSpan SlowPolling, TimeSpan FastPolling);

    private async Task RunPhase(Phase phase, int kiosks, int cases)
    {
        var measure = (Guid citizen) => MeasureOne(phase.Kiosk, citizen, phase.Observer, phase.Outbox, phase.HistoryStore);

        // One citizen per kiosk, so that each one's history is its own.
        var citizenIds = new List<Guid>();
        for (var k = 0; k < kiosks; k++) citizenIds.Add(await RegisterCitizen(phase.CitizensApi));
        var warmUp = Math.Max(WarmUpCases / kiosks, 1);
        await Task.WhenAll(citizenIds.Select(async c => { for (var i = 0; i < warmUp; i++) await measure(c); }));

        Console.WriteLine();
        Console.WriteLine($"Measuring {cases:N0} cases (after {warmUp * kiosks} warm-up cases) from {kiosks} kiosk{(kiosks == 1 ? "" : "s")}, " +
                          $"each submitting one case at a time and the next only once its previous case is visible in the history " +
                          $"(closed loop, at most {kiosks} in flight: latency, not queueing).");
        var samples = new ConcurrentBag<Sample>();
        var remaining = cases;
        var run = Stopwatch.StartNew();
        await Task.WhenAll(citizenIds.Select(async c =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0) samples.Add(await measure(c));
        }));
        run.Stop();

        // The API a channel would call lists every case, once.
        long total = 0;
        foreach (var citizen in citizenIds)
        {
            var page = await phase.CitizensApi.GetFromJsonAsync<HistoryPage>($"/api/citizens/{citizen}/history?pageSize=1")
                       ?? throw new InvalidOperationException("The history API answered nothing.");
            total += page.Total;
        }
        var expected = warmUp * kiosks + cases;
        if (total != expected)
            throw new InvalidOperationException($"The history API lists {total} entries for the citizens; {expected} cases were submitted.");

        Print([.. samples], kiosks, run.Elapsed, total, phase.SlowPolling, phase.FastPolling);
    }

    private void Print(List<Sample> samples, int kiosks, TimeSpan elapsed, long total, TimeSpan slowPolling, TimeSpan fastPolling)
    {
        var visible = samples.Select(s => s.VisibleMs).Order().ToList();
        var post = samples.Select(s => s.PostMs).Order().ToList();
        var afterAck = samples.Select(s => s.AfterAckMs).Order().ToList();
        var toOutbox = samples.Select(s => s.ToOutboxMs).Order().ToList();
        var publish = samples.Select(s => s.PublishMs).Order().ToList();
        var delivery = samples.Select(s => s.DeliveryMs).Order().ToList();
        var byObserver = samples.Count(s => s.ByObserver);

        string Dist(List<double> sorted) =>
            $"p50 {Measure.Percentile(sorted, 50),6:0.0}  p95 {Measure.Percentile(sorted, 95),6:0.0}  p99 {Measure.Percentile(sorted, 99),6:0.0}  max {sorted[^1],6:0.0} ms";
        Console.WriteLine($"  submit → visible in history: {Dist(visible)}");
        Console.WriteLine($"  submit → 201 (the append)  : {Dist(post)}");
        Console.WriteLine($"  201 → visible in history   : {Dist(afterAck)}");
        Console.WriteLine("  where the time after the 201 goes:");
        Console.WriteLine($"    201 → outbox publishes it (Marten subscription wakes, reads, maps): {Dist(toOutbox)}");
        Console.WriteLine($"    publish → broker confirm (RabbitMQ)                               : {Dist(publish)}");
        Console.WriteLine($"    confirm → history entry committed and visible (citizens consumer) : {Dist(delivery)}");
        var stalled = samples.Count(s => s.ToOutboxMs > slowPolling.TotalMilliseconds * 0.75);
        if (stalled > 0)
            Console.WriteLine($"  {stalled} case(s) ({100.0 * stalled / samples.Count:0.#}%) waited about {slowPolling.TotalMilliseconds:0} ms for the outbox: the procedures " +
                              $"service's async daemon (high-water polling: slow {slowPolling.TotalMilliseconds:0} ms, fast {fastPolling.TotalMilliseconds:0} ms) " +
                              "did not wake on that append's NOTIFY and picked it up at its next slow poll.");
        var slow = samples.Where(s => s.VisibleMs > 250).ToList();
        if (slow.Count > 0)
            Console.WriteLine($"  {slow.Count} case(s) over 250 ms; slowest: " + string.Join("; ", slow.OrderByDescending(s => s.VisibleMs).Take(5).Select(s =>
                $"{s.VisibleMs:0} ms = POST {s.PostMs:0} + to outbox {s.ToOutboxMs:0} + publish {s.PublishMs:0} + consume {s.DeliveryMs:0}")));
        Console.WriteLine($"  {samples.Count:N0} cases in {elapsed.TotalSeconds:0.0} s ({samples.Count / elapsed.TotalSeconds:0.0}/s); " +
                          $"{byObserver:N0} timed by the consume observer and confirmed in the store, {samples.Count - byObserver:N0} by the 20 ms poll; " +
                          $"the history API lists {total:N0} entries for these citizens (warm-up included): every case once.");

        var name = $"case visible in citizen history (from POST), {kiosks} kiosk{(kiosks == 1 ? "" : "s")}, {samples.Count:N0} cases,";
        var percentiles = kiosks == 1 ? new[] { ("p50", 50.0), ("p99", 99.0) } : new[] { ("p50", 50.0), ("p95", 95.0), ("p99", 99.0), ("max", 100.0) };
        foreach (var (label, p) in percentiles)
            report.Latency(name, $"{kiosks} kiosk{(kiosks == 1 ? "" : "s")}", label, Measure.Percentile(visible, p), "POST /cases→201", Measure.Percentile(post, p), label == "p99" ? 250 : null);
    }

    private static async Task<Guid> RegisterCitizen(HttpClient citizensApi)
    {
        var response = await citizensApi.PostAsJsonAsync("/api/citizens", new { preferredLanguage = "ca", channel = "kiosk" });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Registering a citizen answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Registered>())!.CitizenId;
    }

    private static async Task<Sample> MeasureOne(HttpClient kiosk, Guid citizenId, HistoryObserver observer, OutboxObserver outbox, IDocumentStore historyStore)
    {
        var start = Stopwatch.GetTimestamp();
        var response = await kiosk.PostAsJsonAsync("/api/procedures/cases", new { citizenId, procedureCode = "census-certificate", channel = "kiosk" });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Submitting a case answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var code = (await response.Content.ReadFromJsonAsync<Submitted>())!.TrackingCode;
        var acknowledged = Stopwatch.GetTimestamp();

        var committed = observer.WhenCommitted(code);
        var deadline = Stopwatch.GetTimestamp() + (long)(PerCaseTimeout.TotalSeconds * Stopwatch.Frequency);
        long visibleAt;
        bool byObserver;
        while (true)
        {
            // Wake when the observer fires (the consumer has committed), else every 20 ms to look ourselves.
            await Task.WhenAny(committed, Task.Delay(FallbackPoll));
            var checkedAt = Stopwatch.GetTimestamp();
            if (await IsVisible(historyStore, citizenId, code))
            {
                byObserver = committed.IsCompletedSuccessfully && committed.Result <= checkedAt;
                visibleAt = byObserver ? committed.Result : checkedAt;
                break;
            }
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"Case {code} was not in the citizen's history {PerCaseTimeout.TotalSeconds:0} s after it was submitted.");
        }
        observer.Forget(code);
        var (publishing, published) = await outbox.TakeAsync(code);

        return new Sample(start, acknowledged, publishing, published, visibleAt, byObserver);
    }

    private static async Task<bool> IsVisible(IDocumentStore store, Guid citizenId, string code)
    {
        await using var session = store.QuerySession(Tokens.Tenant);
        return await session.Query<HistoryEntry>().AnyAsync(h => h.CitizenId == citizenId && h.Reference == code);
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    /// <summary>Notes the moment the citizens service has finished consuming a case's CaseSubmitted — its consumer
    /// has committed the history entry by then — keyed by tracking code. Observes only; changes nothing.</summary>
    private sealed class HistoryObserver : IConsumeObserver
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> cases = new();

        public Task<long> WhenCommitted(string trackingCode) => Entry(trackingCode).Task;

        public void Forget(string trackingCode) => cases.TryRemove(trackingCode, out _);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            var now = Stopwatch.GetTimestamp();
            if (context.Message is V1.CaseSubmitted e) Entry(e.TrackingCode).TrySetResult(now);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

        private TaskCompletionSource<long> Entry(string trackingCode) =>
            cases.GetOrAdd(trackingCode, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>Notes when the procedures service's outbox starts publishing a case's CaseSubmitted and when the
    /// broker confirms it. Observes only.</summary>
    private sealed class OutboxObserver : IPublishObserver
    {
        private readonly ConcurrentDictionary<string, (long Pre, long Post)> cases = new();

        /// <summary>The broker's confirm may come back after the consumer is done: wait a little for it.</summary>
        public async Task<(long Publishing, long Published)> TakeAsync(string trackingCode)
        {
            for (var i = 0; i < 2000; i++)
            {
                if (cases.TryGetValue(trackingCode, out var t) && t.Pre != 0 && t.Post != 0)
                {
                    cases.TryRemove(trackingCode, out _);
                    return t;
                }
                await Task.Delay(1);
            }
            throw new InvalidOperationException($"The outbox publish of case {trackingCode} was not observed.");
        }

        public Task PrePublish<T>(PublishContext<T> context) where T : class
        {
            var now = Stopwatch.GetTimestamp();
            if (context.Message is V1.CaseSubmitted e) cases.AddOrUpdate(e.TrackingCode, (now, 0), (_, t) => t.Pre == 0 ? (now, t.Post) : t);
            return Task.CompletedTask;
        }

        public Task PostPublish<T>(PublishContext<T> context) where T : class
        {
            var now = Stopwatch.GetTimestamp();
            if (context.Message is V1.CaseSubmitted e) cases.AddOrUpdate(e.TrackingCode, (0, now), (_, t) => t.Post == 0 ? (t.Pre, now) : t);
            return Task.CompletedTask;
        }

        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
