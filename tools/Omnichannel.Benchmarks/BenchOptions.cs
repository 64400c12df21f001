namespace Omnichannel.Benchmarks;

public sealed class BenchUsageException(string message) : Exception(message);

/// <summary>Command-line knobs; the defaults keep the whole run within about two minutes on 2 cores.</summary>
public sealed record BenchOptions
{
    /// <summary>Measured seconds per throughput figure (split in alternating rounds with its baseline).</summary>
    public double Seconds { get; init; } = 3;

    /// <summary>Seconds of the webhook part's open loop (50 chats × 1 message/s: 50 answers a second, so 60 s ≈ 3,000
    /// answers, enough for a p99 to mean something).</summary>
    public double PacedSeconds { get; init; } = 60;

    /// <summary>Concurrent writers for the "several writers" figures.</summary>
    public int Writers { get; init; } = 8;

    /// <summary>Events per batch for the batched figures.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Cases whose append → history latency is measured.</summary>
    public int LatencyEvents { get; init; } = 1000;

    /// <summary>Cases measured again from a single kiosk (0: skip), where the pipeline idles between cases.</summary>
    public int LatencyEventsAlone { get; init; } = 300;

    /// <summary>Kiosks submitting concurrently, each one case at a time, in the latency measurement.</summary>
    public int LatencyConcurrency { get; init; } = 4;

    /// <summary>Open incidents whose SLA breaches the "sla" part records after a weekend.</summary>
    public int SlaIncidents { get; init; } = 100_000;

    /// <summary>The "sla" part stops its passes after this many minutes (and says how many breaches were left).</summary>
    public double SlaMinutes { get; init; } = 4;

    /// <summary>Events seeded for the "export" part (its memory is also measured at a tenth of them).</summary>
    public int ExportEvents { get; init; } = 1_000_000;

    /// <summary>Members of the topic the "alert" part sends to (and 10,000, or fewer, for the memory baseline).</summary>
    public int AlertSubscribers { get; init; } = 100_000;

    /// <summary>The Telegram bot's configured limit in the "alert" part (messages per second).</summary>
    public double AlertRate { get; init; } = 300;

    /// <summary>Run only "appends", "latency", "gateway", "webhook", "heartbeats", "sla", "export" or "alert"; all but "sla", "export" and "alert" when null.</summary>
    public string? Only { get; init; }

    public const string Usage =
        "usage: Omnichannel.Benchmarks [--seconds S] [--paced-seconds S] [--writers N] [--batch N] [--latency-events N] [--latency-kiosks N] [--latency-alone N] [--sla-incidents N] [--export-events N] [--alert-subscribers N] [--alert-rate R] [--only appends|latency|gateway|webhook|heartbeats|sla|export|alert]\n" +
        "  --seconds S         measured seconds per throughput figure, Marten and raw each (default 3)\n" +
        "  --paced-seconds S  seconds of the webhook part's open loop at 1 message/s per chat (default 60: about 3,000 answers)\n" +
        "  --writers N         concurrent writers for the multi-writer figures (default 8)\n" +
        "  --batch N           events per batch for the batched figures (default 100)\n" +
        "  --latency-events N  cases measured from append to citizen history (default 1000)\n" +
        "  --latency-kiosks N  kiosks submitting at once, each one case at a time (default 4)\n" +
        "  --latency-alone N   cases measured again from one kiosk alone, 0 to skip (default 300)\n" +
        "  --sla-incidents N   open incidents whose breaches the SLA watcher records after a weekend (default 100000)\n" +
        "  --export-events N   events seeded for the export part (default 1000000; memory also measured at N/10)\n" +
        "  --alert-subscribers N  members of the topic the alert goes to (default 100000; 10000 of another topic for the memory baseline)\n" +
        "  --alert-rate R      the bot's configured limit in msg/s for the alert part (default 300; Telegram's real bulk limit is ~30)\n" +
        "  --only WHAT         appends | latency | gateway | webhook | heartbeats | sla | export | alert: run one part only (sla, export and alert run only when named)";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new BenchUsageException($"{args[i]} needs a value\n{Usage}");
            options = args[i] switch
            {
                "--seconds" => options with { Seconds = Positive(double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture), "--seconds") },
                "--paced-seconds" => options with { PacedSeconds = Positive(double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture), "--paced-seconds") },
                "--writers" => options with { Writers = (int)Positive(int.Parse(Next()), "--writers") },
                "--batch" => options with { BatchSize = (int)Positive(int.Parse(Next()), "--batch") },
                "--latency-events" => options with { LatencyEvents = (int)Positive(int.Parse(Next()), "--latency-events") },
                "--latency-alone" => options with { LatencyEventsAlone = int.Parse(Next()) is >= 0 and var n ? n : throw new BenchUsageException($"--latency-alone must be 0 or more\n{Usage}") },
                "--latency-kiosks" => options with { LatencyConcurrency = (int)Positive(int.Parse(Next()), "--latency-kiosks") },
                "--sla-incidents" => options with { SlaIncidents = (int)Positive(int.Parse(Next()), "--sla-incidents") },
                "--export-events" => options with { ExportEvents = (int)Positive(int.Parse(Next()), "--export-events") },
                "--alert-subscribers" => options with { AlertSubscribers = (int)Positive(int.Parse(Next()), "--alert-subscribers") },
                "--alert-rate" => options with { AlertRate = Positive(double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture), "--alert-rate") },
                "--only" => options with { Only = Next() is "appends" or "latency" or "gateway" or "webhook" or "heartbeats" or "sla" or "export" or "alert" ? args[i] : throw new BenchUsageException($"--only takes appends, latency, gateway, webhook, heartbeats, sla, export or alert\n{Usage}") },
                "-h" or "--help" => throw new BenchUsageException(Usage),
                var other => throw new BenchUsageException($"unknown argument '{other}'\n{Usage}"),
            };
        }
        return options;
    }

    private static double Positive(double value, string name) =>
        value > 0 ? value : throw new BenchUsageException($"{name} must be positive\n{Usage}");
}
