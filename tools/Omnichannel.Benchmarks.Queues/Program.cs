using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Benchmarks;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Queues;
using Omnichannel.Testing;

namespace Omnichannel.Benchmarks.Queues;

/// <summary>
/// 20 desks call next concurrently (call → start → complete, until nobody waits) over 5,000 Point-0 tickets of one
/// office's day, through the queues service's HTTP API. Reports tickets called more than once (must be 0),
/// tickets never called, calls/s, p50/p99 of call-next, and, in the same database, the plain Marten append rate
/// (single-event sessions on distinct streams, same number of writers) as the ceiling to compare with.
///   dotnet run -c Release --project tools/Omnichannel.Benchmarks.Queues -- [--tickets 5000] [--desks 20]
/// </summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        var tickets = Arg(args, "--tickets", 5000);
        var desks = Arg(args, "--desks", 20);
        var tokens = new Tokens();
        var common = new Dictionary<string, string?>(await TestServers.NewPlatformSettingsAsync(tokens))
        {
            ["DemoData:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            // Marten logs every append that lost the race before the queues service decides again: expected here, by thousands.
            ["Logging:LogLevel:Marten"] = "None",
            ["BusinessCalendar:UseCatalanHolidays"] = "false",
        };
        // Open every hour, so that walk-ins are issued whenever the benchmark runs.
        foreach (var day in Enum.GetNames<DayOfWeek>()) common[$"BusinessCalendar:Calendars:always:{day}:0"] = "00:00-24:00";
        await using var procedures = new ServiceHost<Omnichannel.Procedures.Program>(common, withGrpc: true);
        await using var queues = new ServiceHost<Omnichannel.Queues.Program>(common, withGrpc: true);
        // Content roots from the repository root (where tools/bench-queues.sh runs), as a console app has no test manifest lookup.
        procedures.With("contentRoot", Path.GetFullPath("services/Procedures"));
        queues.With("contentRoot", Path.GetFullPath("services/Queues"));
        procedures.With("Services:Citizens:Grpc", "http://127.0.0.1:1").With("Services:Procedures:Grpc", procedures.GrpcAddress!.ToString());
        queues.With("Services:Procedures:Grpc", procedures.GrpcAddress!.ToString());
        procedures.Start();
        queues.Start();

        var staff = Client(queues, tokens.Staff());
        var app = Client(queues, tokens.ChannelApp());
        // Offices come from the office directory (appointments): registered as it would, the demo lines follow.
        const string office = "connecta-space";
        await queues.Services.GetRequiredService<IBus>().Publish(new Omnichannel.Contracts.V1.OfficeRegistered(Tokens.Tenant, DateTimeOffset.UtcNow, null, null, office,
            new("Mataró Connecta Space", "Mataró Connecta Space", "Mataró Connecta Space"), "Plaça de la Muralla", "always", desks), c => c.MessageId = Guid.NewGuid());
        await Eventually.Until(async () => await staff.GetAsync($"/api/queues/offices/{office}/board"), r => r.IsSuccessStatusCode, what: "the office's lines");
        for (var d = 1; d <= desks; d++)
            (await staff.PutAsJsonAsync($"/api/queues/offices/{office}/desks/{d}", new { lines = new[] { "point0" } })).EnsureSuccessStatusCode();

        Console.WriteLine($"Issuing {tickets} tickets…");
        var issue = Stopwatch.StartNew();
        var issued = 0;
        await Parallel.ForAsync(0, tickets, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            (await app.PostAsJsonAsync($"/api/queues/offices/{office}/tickets", new { procedureCode = "census-certificate", channel = "kiosk" }, ct)).EnsureSuccessStatusCode();
            Interlocked.Increment(ref issued);
        });
        issue.Stop();

        Console.WriteLine($"{desks} desks draining…");
        var latencies = new ConcurrentBag<double>();
        var called = new ConcurrentBag<string>();
        var drain = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(1, desks).Select(desk => Task.Run(async () =>
        {
            while (true)
            {
                var one = Stopwatch.StartNew();
                var response = await staff.PostAsync($"/api/queues/offices/{office}/desks/{desk}/call-next", null);
                one.Stop();
                if (response.StatusCode == HttpStatusCode.Conflict) return; // nobody waits any more
                response.EnsureSuccessStatusCode();
                latencies.Add(one.Elapsed.TotalMilliseconds);
                called.Add((await response.Content.ReadFromJsonAsync<Reply>())!.Current!);
                (await staff.PostAsync($"/api/queues/offices/{office}/desks/{desk}/start", null)).EnsureSuccessStatusCode();
                (await staff.PostAsync($"/api/queues/offices/{office}/desks/{desk}/complete", null)).EnsureSuccessStatusCode();
            }
        })));
        drain.Stop();

        // The truth is the stream: count the first calls per ticket there.
        var store = queues.Services.GetRequiredService<IDocumentStore>();
        var days = queues.Services.GetRequiredService<OfficeDays>();
        List<object> events;
        using (RequestContext.Begin(Tokens.Tenant, null))
        await using (var session = store.QuerySession(Tokens.Tenant))
            events = (await session.Events.FetchStreamAsync(OfficeDay.StreamKey(office, days.Today))).Select(e => e.Data).ToList();
        var firstCalls = events.OfType<TicketCalled>().Where(c => c.Call == 1).GroupBy(c => c.Number).ToList();
        var calledTwice = firstCalls.Count(g => g.Count() > 1) + called.GroupBy(n => n).Count(g => g.Count() > 1);
        var neverCalled = events.OfType<TicketIssued>().Count() - firstCalls.Count;
        var servedTwice = events.OfType<TicketServed>().GroupBy(s => s.Number).Count(g => g.Count() > 1);

        var appendRate = await PlainAppendRate(store, desks, tickets);

        var sorted = latencies.OrderBy(x => x).ToArray();
        Console.WriteLine();
        Console.WriteLine($"| measure | value |");
        Console.WriteLine($"|---|---|");
        Console.WriteLine($"| tickets issued (HTTP, 8 clients) | {issued} in {issue.Elapsed.TotalSeconds:0.0} s ({issued / issue.Elapsed.TotalSeconds:0} /s) |");
        Console.WriteLine($"| desks | {desks} |");
        Console.WriteLine($"| tickets called twice | {calledTwice} |");
        Console.WriteLine($"| tickets served twice | {servedTwice} |");
        Console.WriteLine($"| tickets never called | {neverCalled} |");
        Console.WriteLine($"| calls | {sorted.Length} in {drain.Elapsed.TotalSeconds:0.0} s |");
        Console.WriteLine($"| calls/s (each with its start and complete) | {sorted.Length / drain.Elapsed.TotalSeconds:0} |");
        Console.WriteLine($"| desk actions/s (call + start + complete) | {3 * sorted.Length / drain.Elapsed.TotalSeconds:0} |");
        Console.WriteLine($"| call-next p50 / p99 / max | {Measure.Percentile(sorted, 50):0.0} / {Measure.Percentile(sorted, 99):0.0} / {sorted[^1]:0.0} ms |");
        Console.WriteLine($"| plain Marten appends/s (1 event per session, {desks} writers, distinct streams) | {appendRate:0} |");
        Console.WriteLine($"| events in the day's stream | {events.Count} |");
        return calledTwice == 0 && servedTwice == 0 && neverCalled == 0 ? 0 : 1;
    }

    private sealed record Reply(string? Current);

    private static async Task<double> PlainAppendRate(IDocumentStore store, int writers, int total)
    {
        var watch = Stopwatch.StartNew();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= total)
            {
                await using var session = store.LightweightSession(Tokens.Tenant);
                session.Events.StartStream($"bench-append:{Guid.NewGuid():N}", new DeskClosed("bench", "bench", DateTimeOffset.UtcNow));
                await session.SaveChangesAsync();
            }
        })));
        return total / watch.Elapsed.TotalSeconds;
    }

    private static HttpClient Client(ServiceHost<Omnichannel.Queues.Program> host, string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }


    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }
}
