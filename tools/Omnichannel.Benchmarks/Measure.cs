using System.Diagnostics;

namespace Omnichannel.Benchmarks;

/// <summary>Events written in a wall-clock time.</summary>
public readonly record struct Throughput(long Events, TimeSpan Elapsed)
{
    public double PerSecond => Events / Elapsed.TotalSeconds;
    public static Throughput operator +(Throughput a, Throughput b) => new(a.Events + b.Events, a.Elapsed + b.Elapsed);
}

public static class Measure
{
    /// <summary>Runs <paramref name="writers"/> loops of <paramref name="operation"/> (which returns the events it
    /// wrote) until <paramref name="duration"/> has passed, and counts events until the last operation ends.</summary>
    public static async Task<Throughput> ForAsync(TimeSpan duration, int writers, Func<Task<int>> operation)
    {
        long events = 0;
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            long mine = 0;
            while (clock.Elapsed < duration) mine += await operation();
            Interlocked.Add(ref events, mine);
        })).ToArray();
        await Task.WhenAll(loops);
        return new Throughput(events, clock.Elapsed);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
