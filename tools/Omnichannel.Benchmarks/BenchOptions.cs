namespace Omnichannel.Benchmarks;

public sealed class BenchUsageException(string message) : Exception(message);

/// <summary>Command-line knobs; the defaults keep the whole run within about two minutes on 2 cores.</summary>
public sealed record BenchOptions
{
    /// <summary>Measured seconds per throughput figure (split in alternating rounds with its baseline).</summary>
    public double Seconds { get; init; } = 3;

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

    /// <summary>Run only "appends", "latency", "gateway" or "heartbeats"; all when null.</summary>
    public string? Only { get; init; }

    public const string Usage =
        "usage: Omnichannel.Benchmarks [--seconds S] [--writers N] [--batch N] [--latency-events N] [--latency-kiosks N] [--latency-alone N] [--only appends|latency|gateway|heartbeats]\n" +
        "  --seconds S         measured seconds per throughput figure, Marten and raw each (default 3)\n" +
        "  --writers N         concurrent writers for the multi-writer figures (default 8)\n" +
        "  --batch N           events per batch for the batched figures (default 100)\n" +
        "  --latency-events N  cases measured from append to citizen history (default 1000)\n" +
        "  --latency-kiosks N  kiosks submitting at once, each one case at a time (default 4)\n" +
        "  --latency-alone N   cases measured again from one kiosk alone, 0 to skip (default 300)\n" +
        "  --only WHAT         appends | latency | gateway | heartbeats: run one part only";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new BenchUsageException($"{args[i]} needs a value\n{Usage}");
            options = args[i] switch
            {
                "--seconds" => options with { Seconds = Positive(double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture), "--seconds") },
                "--writers" => options with { Writers = (int)Positive(int.Parse(Next()), "--writers") },
                "--batch" => options with { BatchSize = (int)Positive(int.Parse(Next()), "--batch") },
                "--latency-events" => options with { LatencyEvents = (int)Positive(int.Parse(Next()), "--latency-events") },
                "--latency-alone" => options with { LatencyEventsAlone = int.Parse(Next()) is >= 0 and var n ? n : throw new BenchUsageException($"--latency-alone must be 0 or more\n{Usage}") },
                "--latency-kiosks" => options with { LatencyConcurrency = (int)Positive(int.Parse(Next()), "--latency-kiosks") },
                "--only" => options with { Only = Next() is "appends" or "latency" or "gateway" or "heartbeats" ? args[i] : throw new BenchUsageException($"--only takes appends, latency, gateway or heartbeats\n{Usage}") },
                "-h" or "--help" => throw new BenchUsageException(Usage),
                var other => throw new BenchUsageException($"unknown argument '{other}'\n{Usage}"),
            };
        }
        return options;
    }

    private static double Positive(double value, string name) =>
        value > 0 ? value : throw new BenchUsageException($"{name} must be positive\n{Usage}");
}
