using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Omnichannel.Benchmarks;
using Omnichannel.Testing;

namespace Omnichannel.Benchmarks.Display;

/// <summary>
/// The waiting-room display under a morning rush: <c>--desks</c> desks (20) each issuing a walk-in and calling next
/// every <c>--call-every</c> seconds (5, jittered) for <c>--minutes</c> (10; <c>--seconds</c> to shorten), one office.
/// The display page (set up with a display device's credential, reading the feed through the console's relay) runs in
/// headless Chromium; for each call, the time from the call-next API's answer to the page showing it (the next frame
/// after the call is in the DOM), p50/p99, beside the raw display feed read by a plain SSE client with the same device
/// token through the gateway in the same run (the ratio is the page's and relay's own cost), and the page's JS heap
/// (after a forced GC) at the start and after the run: it must not grow.
///   tools/bench.sh --only display [--minutes 10 | --seconds 60] [--desks 20] [--call-every 5]
/// The set-up (settings, hosts, the office and its desks, Chromium) is shared with the board benchmark: tools/lib/BrowserBench.cs.
/// </summary>
public static class Program
{
    private const string Office = BrowserBench.Office;

    public static async Task<int> Main(string[] args)
    {
        var duration = BrowserBench.Arg(args, "--seconds") is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(BrowserBench.Arg(args, "--minutes") ?? 10);
        var desks = (int)(BrowserBench.Arg(args, "--desks") ?? 20);
        var every = TimeSpan.FromSeconds(BrowserBench.Arg(args, "--call-every") ?? 5);

        await using var bench = await BrowserBench.CreateAsync();
        bench.Service<Omnichannel.Procedures.Program>("procedures", "services/Procedures");
        bench.Service<Omnichannel.Queues.Program>("queues", "services/Queues");
        bench.Service<Omnichannel.Kiosks.Program>("kiosks", "services/Kiosks");
        bench.Service<Omnichannel.StaffConsole.Program>("console", "services/Console").With("Console:GatewayUrl", bench.Origin);
        bench.Start();
        return await RunAsync(bench, duration, desks, every);
    }

    private static async Task<int> RunAsync(BrowserBench bench, TimeSpan duration, int desks, TimeSpan every)
    {
        var origin = bench.Origin;
        var staff = bench.Client(bench.Tokens.Staff());
        var app = bench.Client(bench.Tokens.ChannelApp());
        await bench.OpenOfficeAsync(desks, "point0");

        var enrolled = await Eventually.Until(
            () => staff.PostAsJsonAsync("/api/kiosks", new { officeId = Office, location = "Waiting room", peripherals = Array.Empty<string>(), kind = "display" }),
            r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(60), "the kiosks service to know the office");
        var credential = (await enrolled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("credential").GetString()!;

        // The page, set up as an operator would, then listening for its own "display-call" events.
        var page = await bench.NewPageAsync();
        var context = page.Context;
        await page.GotoAsync($"{origin}/console/display/setup");
        await page.FillAsync("#display-credential", credential);
        await page.ClickAsync("#display-setup-submit");
        await page.WaitForURLAsync($"{origin}/console/display/{Office}");
        await page.Locator("#display-status[data-state='live']").WaitForAsync(new() { Timeout = 60_000 });
        await page.EvaluateAsync("() => { window.benchShown = []; document.addEventListener('display-call', e => window.benchShown.push(e.detail)); }");
        var cdp = await context.NewCDPSessionAsync(page);

        // The raw feed beside it: the same device token, the same feed, through the gateway, no page.
        var signIn = await bench.Client(null).PostAsJsonAsync("/api/kiosks/device-tokens", new { credential });
        var deviceToken = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        using var rawCancel = new CancellationTokenSource();
        var raw = new ConcurrentDictionary<string, double>();
        var screen = new DisplayScreen(bench.Client(deviceToken), $"/api/queues/offices/{Office}/display?waits=true");
        await screen.ConnectAsync(rawCancel.Token);
        var rawReader = Task.Run(() => screen.RecordFirstCallsAsync(raw, BrowserBench.Now, rawCancel.Token));

        var heapStart = await HeapAsync(cdp);
        var nodesStart = await page.EvaluateAsync<int>("() => document.getElementsByTagName('*').length");

        Console.Error.WriteLine($"{desks} desks calling every ~{every.TotalSeconds:0.#} s for {duration}…");
        var answered = new ConcurrentDictionary<string, double>();
        var shown = new Dictionary<string, double>();
        var refused = 0;
        var notIssued = 0;
        var clock = Stopwatch.StartNew();
        var rush = Task.WhenAll(Enumerable.Range(1, desks).Select(desk => Task.Run(async () =>
        {
            var random = new Random(desk);
            // Desks do not start in step.
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * every.TotalMilliseconds));
            while (clock.Elapsed < duration)
            {
                // A walk-in per call keeps the line stocked (a refusal — the wait rule — just means the desk finds others).
                using (var issued = await app.PostAsJsonAsync($"/api/queues/offices/{Office}/tickets", new { procedureCode = "census-certificate", channel = "kiosk" }))
                    if (!issued.IsSuccessStatusCode) Interlocked.Increment(ref notIssued);
                var response = await staff.PostAsync($"/api/queues/offices/{Office}/desks/{desk}/call-next", null);
                var at = BrowserBench.Now();
                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    Interlocked.Increment(ref refused);
                    continue;
                }
                response.EnsureSuccessStatusCode();
                answered[(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("current").GetString()!] = at;
                (await staff.PostAsync($"/api/queues/offices/{Office}/desks/{desk}/start", null)).EnsureSuccessStatusCode();
                (await staff.PostAsync($"/api/queues/offices/{Office}/desks/{desk}/complete", null)).EnsureSuccessStatusCode();
                await Task.Delay(TimeSpan.FromMilliseconds(every.TotalMilliseconds * (0.5 + random.NextDouble())));
            }
        })));
        // The page's events are collected as the run goes (so the collection itself does not grow the heap measured).
        // The heap is read again once the screen is full (a fifth of the run): from there on it must stay flat.
        double? heapWarm = null;
        while (!rush.IsCompleted)
        {
            await Task.WhenAny(rush, Task.Delay(TimeSpan.FromSeconds(5)));
            await DrainAsync(page, shown);
            if (heapWarm is null && clock.Elapsed > duration / 5) heapWarm = await HeapAsync(cdp);
        }
        await rush;
        await Eventually.Until(async () => { await DrainAsync(page, shown); return answered.Keys.Count(shown.ContainsKey); }, n => n == answered.Count,
            TimeSpan.FromSeconds(30), "the last calls on the page");
        await rawCancel.CancelAsync();
        await rawReader;
        screen.Dispose();

        var heapEnd = await HeapAsync(cdp);
        var nodesEnd = await page.EvaluateAsync<int>("() => document.getElementsByTagName('*').length");

        var pageLatency = answered.Where(a => shown.ContainsKey(a.Key)).Select(a => shown[a.Key] - a.Value).Order().ToArray();
        var rawLatency = answered.Where(a => raw.ContainsKey(a.Key)).Select(a => raw[a.Key] - a.Value).Order().ToArray();
        double P(double[] sorted, double p) => Measure.Percentile(sorted, p);
        var I = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| run | {desks} desks, a call every ~{every.TotalSeconds:0.#} s each, {clock.Elapsed.TotalSeconds:0} s |");
        Console.WriteLine($"| calls answered | {answered.Count} ({answered.Count / clock.Elapsed.TotalSeconds:0.0}/s; {refused} call-next found the line empty, {notIssued} walk-ins refused) |");
        Console.WriteLine($"| calls shown on the page / read on the raw feed | {pageLatency.Length} / {rawLatency.Length} |");
        Console.WriteLine(string.Create(I, $"| call-to-screen (page) p50 / p99 / max | {P(pageLatency, 50):0} / {P(pageLatency, 99):0} / {pageLatency.LastOrDefault():0} ms |"));
        Console.WriteLine(string.Create(I, $"| call-to-feed (raw SSE client) p50 / p99 / max | {P(rawLatency, 50):0} / {P(rawLatency, 99):0} / {rawLatency.LastOrDefault():0} ms |"));
        Console.WriteLine(string.Create(I, $"| page / raw feed, p50 and p99 | {P(pageLatency, 50) / P(rawLatency, 50):0.00}x / {P(pageLatency, 99) / P(rawLatency, 99):0.00}x |"));
        Console.WriteLine(string.Create(I, $"| page JS heap after GC, start → screen full (1/5 of the run) → end | {heapStart / 1e6:0.00} MB → {(heapWarm ?? heapEnd) / 1e6:0.00} MB → {heapEnd / 1e6:0.00} MB |"));
        Console.WriteLine(string.Create(I, $"| heap growth, end vs start / end vs screen full | {(heapEnd - heapStart) / heapStart:+0.0%;-0.0%} / {(heapEnd - (heapWarm ?? heapEnd)) / (heapWarm ?? heapEnd):+0.0%;-0.0%} |"));
        Console.WriteLine($"| page DOM elements, start → end | {nodesStart} → {nodesEnd} |");
        return pageLatency.Length == answered.Count ? 0 : 1;
    }

    private static async Task DrainAsync(IPage page, Dictionary<string, double> shown)
    {
        var drained = await page.EvaluateAsync<JsonElement>("() => window.benchShown.splice(0)");
        foreach (var e in drained.EnumerateArray())
            if (e.GetProperty("call").GetInt32() == 1) shown.TryAdd(e.GetProperty("number").GetString()!, e.GetProperty("shownAt").GetDouble());
    }

    private static async Task<double> HeapAsync(ICDPSession cdp)
    {
        await cdp.SendAsync("HeapProfiler.collectGarbage");
        var usage = await cdp.SendAsync("Runtime.getHeapUsage");
        return usage!.Value.GetProperty("usedSize").GetDouble();
    }
}
