using System.Diagnostics;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Messaging.Broadcast.Membership;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Testing;
using Omnichannel.Testing.Fakes;

namespace Omnichannel.Benchmarks;

/// <summary>
/// Issue 14's second benchmark: an alert to every member of one topic (100,000 by default, --alert-subscribers N),
/// all on Telegram, through the real messaging service on PostgreSQL (its dispatcher, pacer and claimed pages) to the
/// fake Bot API. Members are seeded by appending their conversations' events in bulk (the lists' documents follow from
/// the inline projection). Prints the send rate achieved, measured where the fake receives the messages, as a ratio
/// of the configured limit (--alert-rate, goal ≥ 0.95), the busiest second, the count of second sends (must be 0),
/// and the live managed memory (after a full collection at a quarter, half and three quarters of each alert) during a
/// 10,000-member alert beside during the big one (flat: ratio near 1).
/// </summary>
public sealed class AlertDelivery(BenchOptions options, Report report)
{
    private const long SmallBase = 8_100_000_000;
    private const long BigBase = 8_200_000_000;

    public async Task RunAsync()
    {
        var tokens = new Tokens();
        var accounts = new MessagingAccounts();
        var settings = new Dictionary<string, string?>(await TestServers.NewPlatformSettingsAsync(tokens))
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["services:citizens:grpc"] = "http://127.0.0.1:1",
            ["services:procedures:grpc"] = "http://127.0.0.1:1",
            ["services:appointments:grpc"] = "http://127.0.0.1:1",
            ["services:incidents:grpc"] = "http://127.0.0.1:1",
            ["Messaging:Broadcast:Limits:telegram:PerSecond"] = options.AlertRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Messaging:Broadcast:PollInterval"] = "01:00:00",
        };
        await using var telegram = new FakeTelegramBotApi(accounts.BotToken) { KeepMessages = false };
        await using var messaging = new ServiceHost<Messaging.Program>(settings, withGrpc: true);
        foreach (var (key, value) in accounts.Settings(telegram.BaseUrl)) messaging.With(key, value);
        PlatformWiring.IntroduceNeighbours(new Dictionary<string, IServiceHost> { ["messaging"] = messaging });
        messaging.Start();
        using var staff = messaging.Client(tokens.Staff());

        var big = options.AlertSubscribers;
        var small = Math.Min(10_000, big);
        // The measuring apparatus, allocated once before either alert: a count per member and an arrival time per message.
        var counts = new int[big + small];
        var arrivals = new long[big + small];
        var received = 0;
        long bigBase = BigBase, smallBase = SmallBase;
        telegram.Delivered += sent =>
        {
            var index = sent.ChatId >= bigBase ? (int)(sent.ChatId - bigBase) : big + (int)(sent.ChatId - smallBase);
            Interlocked.Increment(ref counts[index]);
            arrivals[Math.Min(Interlocked.Increment(ref received) - 1, arrivals.Length - 1)] = Stopwatch.GetTimestamp();
        };

        Console.WriteLine($"Alert to a topic's list: seeding {small:N0} + {big:N0} Telegram members by appending their events in bulk…");
        var seeding = Stopwatch.StartNew();
        await CreateTopicAsync(staff, "petita");
        await CreateTopicAsync(staff, "gran");
        var store = messaging.Services.GetRequiredService<IDocumentStore>();
        var keys = messaging.Services.GetRequiredService<ConversationKeys>();
        await SeedAsync(store, keys, "petita", SmallBase, small);
        await SeedAsync(store, keys, "gran", BigBase, big);
        Console.WriteLine($"  seeded in {seeding.Elapsed.TotalSeconds:0} s ({(small + big) / seeding.Elapsed.TotalSeconds:N0} members/s)");

        using var phases = new PhaseListener(Messaging.Broadcast.Pacing.ChannelPacer.MeterName);
        var smallRun = await AlertAsync(staff, "petita", () => received, small, 0, arrivals);
        phases.Clear();
        var bigRun = await AlertAsync(staff, "gran", () => received, big, small, arrivals);

        var seconds = counts.Count(c => c > 1);
        var missing = counts.Count(c => c == 0);
        var ratio = bigRun.Rate / options.AlertRate;
        var memory = bigRun.PeakLiveBytes / (double)smallRun.PeakLiveBytes;
        Console.WriteLine($"  {small:N0} members: {smallRun.Rate:N1} msg/s, busiest second {smallRun.Busiest}, live heap peak {smallRun.PeakLiveBytes / 1048576.0:0.0} MiB");
        Console.WriteLine($"  {big:N0} members: {bigRun.Rate:N1} msg/s over {bigRun.Took.TotalSeconds:0} s, busiest second {bigRun.Busiest}, live heap peak {bigRun.PeakLiveBytes / 1048576.0:0.0} MiB");
        Console.WriteLine($"  CPU of the benchmark process (service, fake Bot API and this driver together): {bigRun.CpuPerSend.TotalMilliseconds:0.00} ms per send ({smallRun.CpuPerSend.TotalMilliseconds:0.00} ms in the {small:N0} alert)");
        Console.WriteLine($"  where the pace goes in the {big:N0} alert (the service's {Messaging.Broadcast.Pacing.ChannelPacer.MeterName} meter, ms: p50 / p99 / sum): {phases.Summary(withSum: true)}");
        Console.WriteLine($"  configured limit {options.AlertRate:N0} msg/s → ratio {ratio:0.000} (goal ≥ 0.95: {(ratio >= 0.95 ? "met" : "MISSED")}); second sends {seconds}, never sent {missing}; memory {memory:0.00}× from {small:N0} to {big:N0}");
        report.Ratio($"alert send rate ({big:N0} members)", $"{bigRun.Rate:N1}/s", $"configured limit {options.AlertRate:N0}/s", ratio, "ratio ≥ 0.95", ratio >= 0.95);
        report.Ratio("alert second sends", $"{seconds}", $"{big + small:N0} members", seconds, "= 0", seconds == 0);
        report.Ratio($"alert live heap {big:N0} vs {small:N0}", $"{bigRun.PeakLiveBytes / 1048576.0:0.0} MiB", $"{smallRun.PeakLiveBytes / 1048576.0:0.0} MiB", memory, "≤ 1.5 (flat)", memory <= 1.5);
    }

    private sealed record Run(double Rate, int Busiest, long PeakLiveBytes, TimeSpan Took, TimeSpan CpuPerSend);

    private static async Task<Run> AlertAsync(HttpClient staff, string topic, Func<int> received, int members, int before, long[] arrivals)
    {
        var start = received();
        GC.Collect();
        var response = await staff.PostAsJsonAsync("/api/messaging/alerts", new { topic, text = new { ca = "Avís de prova", es = "Aviso de prueba", en = "Test alert" } });
        response.EnsureSuccessStatusCode();
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long peak = 0;
        var marks = new Queue<double>([0.25, 0.5, 0.75]);
        // Live managed memory (after a full collection) at a quarter, half and three quarters of the way: few enough
        // forced collections not to disturb the pace.
        while (received() - start < members)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            if (marks.TryPeek(out var mark) && received() - start >= mark * members)
            {
                marks.Dequeue();
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(60 + members / 5.0)) throw new TimeoutException($"{received() - start} of {members} alert messages after {clock.Elapsed.TotalSeconds:0} s");
        }
        var cpuPerSend = (Process.GetCurrentProcess().TotalProcessorTime - cpu) / members;
        // From the first arrival to the last: the pace held.
        var times = arrivals.AsSpan(before, members).ToArray();
        Array.Sort(times);
        var took = Stopwatch.GetElapsedTime(times[0], times[^1]);
        var busiest = 0;
        for (int i = 0, j = 0; i < times.Length; i++)
        {
            while (Stopwatch.GetElapsedTime(times[j], times[i]) >= TimeSpan.FromSeconds(1)) j++;
            busiest = Math.Max(busiest, i - j + 1);
        }
        return new Run((members - 1) / took.TotalSeconds, busiest, peak, took, cpuPerSend);
    }

    private static async Task CreateTopicAsync(HttpClient staff, string code)
    {
        var response = await staff.PostAsJsonAsync("/api/messaging/topics", new { code, names = new { ca = code, es = code + "-es", en = code + "-en" } });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Members in sessions of 1,000 conversations, two writers: each conversation started and joined.</summary>
    private static async Task SeedAsync(IDocumentStore store, ConversationKeys keys, string topic, long chatBase, int count)
    {
        const int Batch = 1000;
        var at = DateTimeOffset.UtcNow;
        var batches = Enumerable.Range(0, (count + Batch - 1) / Batch).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (b, ct) =>
        {
            await using var session = store.LightweightSession(Tokens.Tenant);
            for (var i = b * Batch; i < Math.Min(count, (b + 1) * Batch); i++)
            {
                var chat = (chatBase + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var language = (i % 3) switch { 0 => "ca", 1 => "es", _ => "en" };
                session.Events.StartStream(keys.For("telegram", MessagingAccounts.Bot, chat),
                    new ConversationStarted("telegram", MessagingAccounts.Bot, chat, language, null, at),
                    new TopicJoined(topic, "telegram", MessagingAccounts.Bot, chat, language, at));
            }
            await session.SaveChangesAsync(ct);
        });
    }
}
