using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Omnichannel.Benchmarks;
using Omnichannel.Testing;

namespace Omnichannel.Benchmarks.Board;

/// <summary>
/// A supervisor's demand board while <c>--desks</c> desks (50) call over <c>--tickets</c> tickets (5,000) of one office:
/// the tickets are issued first (Point 0, the line every desk serves), then each desk calls next, starts and completes,
/// pausing about <c>--call-every</c> seconds (2, jittered) between calls, until the line is empty.
/// The board is the real console page (<c>/console/board</c>) in headless Chromium, signed in as a supervisor through the
/// identity service's form, as the console is deployed (the gateway validating the identity service's tokens). It follows
/// queues' push (the staff feed of board changes) and reads the board again on each, coalesced within 150 ms, with a slow
/// fallback re-read every <c>Console:Board:FallbackSeconds</c> (20; <c>--fallback-seconds</c>).
/// A call is on the board once the page's "waiting" cell for the line shows as few people as were left after it: the
/// k-th call answered is shown at the first painted frame whose count is at most the tickets waiting at the start minus k
/// (calls are answered after they are stored, so this never credits the board with a call it has not read).
/// Beside it, in the same run, the display feed's own latency: the raw server-sent events of the office's waiting-room
/// display read through the gateway by a plain client, per ticket number. The ratio is the board's cost over the push.
///   tools/bench.sh --only board [--tickets 5000] [--desks 50] [--call-every 2] [--fallback-seconds 20]
/// The set-up (settings, hosts, the office and its desks, Chromium) is shared with the display benchmark: tools/lib/BrowserBench.cs.
/// </summary>
public static class Program
{
    private const string Office = BrowserBench.Office;
    private const string Line = "point0";
    private const string Supervisor = "mataro.supervisor";

    public static async Task<int> Main(string[] args)
    {
        var tickets = (int)(BrowserBench.Arg(args, "--tickets") ?? 5000);
        var desks = (int)(BrowserBench.Arg(args, "--desks") ?? 50);
        var every = TimeSpan.FromSeconds(BrowserBench.Arg(args, "--call-every") ?? 2);
        var fallback = BrowserBench.Arg(args, "--fallback-seconds");

        // As deployed: the gateway and the services validate the identity service's tokens by its published keys.
        var identityPort = LoopbackPorts.Free();
        await using var bench = await BrowserBench.CreateAsync(common =>
        {
            common["Auth:Authority"] = $"http://127.0.0.1:{identityPort}";
            common["Auth:RequireHttpsMetadata"] = "false";
        });
        var consoleSecret = Tokens.NewSecret();
        var password = Tokens.NewSecret()[..24];
        bench.Service<Omnichannel.Identity.Program>("identity", "services/Identity", identityPort)
            .With("Daemon:Enabled", "false")
            .With("Identity:SigningKeys:0", Omnichannel.Identity.Keys.SigningKeys.NewKeyText())
            .With("Identity:EncryptionKey", Tokens.NewSecret())
            .With("Identity:Clients:console:Secret", consoleSecret)
            .With("Identity:Clients:console:RedirectUris:0", $"{bench.Origin}/console/signin-oidc")
            .With("Identity:Clients:console:PostLogoutRedirectUris:0", $"{bench.Origin}/console/signout-callback-oidc")
            .With($"Identity:DemoStaff:{Tokens.Tenant}:supervisor", password);
        bench.Service<Omnichannel.Procedures.Program>("procedures", "services/Procedures");
        bench.Service<Omnichannel.Queues.Program>("queues", "services/Queues");
        var console = bench.Service<Omnichannel.StaffConsole.Program>("console", "services/Console")
            .With("Console:GatewayUrl", bench.Origin)
            .With("Identity:Clients:console:Secret", consoleSecret);
        if (fallback is not null) console.With("Console:Board:FallbackSeconds", fallback.Value.ToString(CultureInfo.InvariantCulture));
        bench.Start();
        return await RunAsync(bench, password, tickets, desks, every, fallback);
    }

    private static async Task<int> RunAsync(BrowserBench bench, string password, int tickets, int desks, TimeSpan every, double? fallback)
    {
        var origin = bench.Origin;
        var staff = bench.Client(bench.Tokens.Staff());
        var app = bench.Client(bench.Tokens.ChannelApp());
        await bench.OpenOfficeAsync(desks, Line);

        // The morning's tickets, before anyone calls: from then on only calls change the line's "waiting".
        Console.Error.WriteLine($"issuing {tickets} tickets…");
        var issueClock = Stopwatch.StartNew();
        var notIssued = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, tickets), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            using var issued = await app.PostAsJsonAsync($"/api/queues/offices/{Office}/tickets", new { procedureCode = "census-certificate", channel = "kiosk" }, ct);
            if (!issued.IsSuccessStatusCode || (await issued.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("line").GetString() != Line)
                Interlocked.Increment(ref notIssued);
        });
        issueClock.Stop();

        // The supervisor's board, signed in as staff sign in.
        var page = await bench.NewPageAsync();
        page.Context.SetDefaultTimeout(60_000);
        await page.GotoAsync($"{origin}/console/board");
        await page.WaitForURLAsync("**/account/login**");
        await page.FillAsync("#username", Supervisor);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{origin}/console/board**");
        await page.WaitForSelectorAsync("main[data-interactive=true]");
        var cell = $"section[data-office='{Office}'] tr[data-line='{Line}'] td.waiting";
        await page.Locator(cell).WaitForAsync();
        // Measured from when the board follows the push (the state line says "live").
        try
        {
            await page.Locator("#board-feed[data-state='live']").WaitForAsync(new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine($"the board's push is not live: {await page.Locator("#board-feed").GetAttributeAsync("data-state")}");
        }
        // Every change of the cell, stamped at the next frame (when it is painted), in wall-clock milliseconds.
        var atStart = await page.EvaluateAsync<int>(@"cell => {
            window.benchBoard = [];
            const read = () => { const c = document.querySelector(cell); return c ? parseInt(c.textContent, 10) : null; };
            let last = read();
            new MutationObserver(() => {
                const v = read();
                if (v === null || v === last) return;
                last = v;
                requestAnimationFrame(() => window.benchBoard.push({ waiting: v, at: performance.timeOrigin + performance.now() }));
            }).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
            return last;
        }", cell);
        // The API's own count (the page may be one refresh behind): what the calls start from.
        var waitingAtStart = await WaitingAsync(staff);
        if (atStart != waitingAtStart)
            await Eventually.Until(() => page.EvaluateAsync<int>($"() => parseInt(document.querySelector(\"{cell}\").textContent, 10)"),
                n => n == waitingAtStart, TimeSpan.FromSeconds(30), "the board to show the issued tickets");

        // The display feed beside it: the office's waiting-room feed, read raw through the gateway, no page.
        using var rawCancel = new CancellationTokenSource();
        var raw = new ConcurrentDictionary<string, double>();
        var screen = new DisplayScreen(bench.Client(bench.Tokens.ChannelApp()), $"/api/queues/offices/{Office}/display");
        await screen.ConnectAsync(rawCancel.Token);
        var rawReader = Task.Run(() => screen.RecordFirstCallsAsync(raw, BrowserBench.Now, rawCancel.Token));

        Console.Error.WriteLine($"{desks} desks calling over {waitingAtStart} tickets, a pause of ~{every.TotalSeconds:0.#} s between calls…");
        var answered = new ConcurrentQueue<(string Number, double At)>();
        var failures = 0;
        var clock = Stopwatch.StartNew();
        var calling = Task.WhenAll(Enumerable.Range(1, desks).Select(desk => Task.Run(async () =>
        {
            var random = new Random(desk);
            // Desks do not start in step.
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * every.TotalMilliseconds));
            while (true)
            {
                using var response = await PostAsync(staff, $"/api/queues/offices/{Office}/desks/{desk}/call-next");
                var at = BrowserBench.Now();
                if (response.StatusCode == HttpStatusCode.Conflict) return; // the line is empty: this desk is done
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }
                answered.Enqueue(((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("current").GetString()!, at));
                (await PostAsync(staff, $"/api/queues/offices/{Office}/desks/{desk}/start")).EnsureSuccessStatusCode();
                (await PostAsync(staff, $"/api/queues/offices/{Office}/desks/{desk}/complete")).EnsureSuccessStatusCode();
                await Task.Delay(TimeSpan.FromMilliseconds(every.TotalMilliseconds * (0.5 + random.NextDouble())));
            }
        })));
        var shown = new List<(int Waiting, double At)>();
        while (!calling.IsCompleted)
        {
            await Task.WhenAny(calling, Task.Delay(TimeSpan.FromSeconds(5)));
            await DrainAsync(page, shown);
        }
        await calling;
        var elapsed = clock.Elapsed;
        var calls = answered.OrderBy(a => a.At).ToArray();
        var left = waitingAtStart - calls.Length;
        await Eventually.Until(async () => { await DrainAsync(page, shown); return shown.Count > 0 ? shown[^1].Waiting : int.MaxValue; }, n => n <= left,
            TimeSpan.FromSeconds(60), "the last call on the board");
        await Eventually.Until(() => Task.FromResult(calls.Count(c => raw.ContainsKey(c.Number))), n => n == calls.Length, TimeSpan.FromSeconds(30),
            "the last call on the display feed");
        await rawCancel.CancelAsync();
        await rawReader;
        screen.Dispose();

        // The k-th call answered is on the board at the first painted count of at most (start - k).
        var board = new double[calls.Length];
        var s = 0;
        for (var k = 0; k < calls.Length; k++)
        {
            while (shown[s].Waiting > waitingAtStart - (k + 1)) s++;
            board[k] = shown[s].At - calls[k].At;
        }
        Array.Sort(board);
        var feed = calls.Select(c => raw[c.Number] - c.At).Order().ToArray();
        var refreshes = shown.Count;
        double P(double[] sorted, double p) => Measure.Percentile(sorted, p);
        var I = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(I, $"| run | {desks} desks, one office, {waitingAtStart} tickets waiting at the start ({notIssued} not issued; issued in {issueClock.Elapsed.TotalSeconds:0} s), a pause of ~{every.TotalSeconds:0.#} s between a desk's calls; the board following queues' push (a read per push, coalesced within 150 ms; fallback re-read every {(fallback ?? 20):0.##} s, Console:Board:FallbackSeconds) |"));
        Console.WriteLine(string.Create(I, $"| calls answered | {calls.Length} in {elapsed.TotalSeconds:0} s ({calls.Length / elapsed.TotalSeconds:0.0}/s; {failures} failed; {shed} desk actions shed with 429 and sent again) |"));
        Console.WriteLine($"| board repaints of the line's count / calls read on the raw feed | {refreshes} / {feed.Length} |");
        Console.WriteLine(string.Create(I, $"| call-to-board (console page) p50 / p99 / max | {P(board, 50):0} / {P(board, 99):0} / {board.LastOrDefault():0} ms |"));
        Console.WriteLine(string.Create(I, $"| call-to-feed (raw display SSE) p50 / p99 / max | {P(feed, 50):0} / {P(feed, 99):0} / {feed.LastOrDefault():0} ms |"));
        Console.WriteLine(string.Create(I, $"| board / raw feed, p50 and p99 | {P(board, 50) / P(feed, 50):0.0}x / {P(board, 99) / P(feed, 99):0.0}x |"));
        return failures == 0 && notIssued == 0 ? 0 : 1;
    }

    private static int shed;

    /// <summary>A desk's action as a well-behaved client sends it: a 429 (the platform shedding load on a busy machine)
    /// is sent again after its Retry-After, and counted.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path)
    {
        while (true)
        {
            var response = await client.PostAsync(path, null);
            if (response.StatusCode != HttpStatusCode.TooManyRequests) return response;
            Interlocked.Increment(ref shed);
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait);
        }
    }

    private static async Task<int> WaitingAsync(HttpClient staff)
    {
        var board = await staff.GetFromJsonAsync<JsonElement>($"/api/queues/offices/{Office}/board");
        return board.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("line").GetString() == Line).GetProperty("waiting").GetInt32();
    }

    private static async Task DrainAsync(IPage page, List<(int Waiting, double At)> shown)
    {
        var drained = await page.EvaluateAsync<JsonElement>("() => window.benchBoard.splice(0)");
        foreach (var e in drained.EnumerateArray()) shown.Add((e.GetProperty("waiting").GetInt32(), e.GetProperty("at").GetDouble()));
    }
}
