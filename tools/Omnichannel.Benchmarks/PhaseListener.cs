using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Omnichannel.Benchmarks;

/// <summary>
/// A service's own phase timings (a <see cref="BuildingBlocks.Telemetry.PhaseMeter"/>, listened to by its meter's
/// name), kept as fixed log-scale histograms, so the listener's memory does not grow with the run (the alert part
/// measures the heap). Measurements tagged <c>phase</c> are kept by phase; any other instrument of the meter (a count,
/// e.g. updates per commit) by the instrument's name.
/// </summary>
public sealed class PhaseListener : IDisposable
{
    private const int Buckets = 600; // ln(1 + value) × 50: 2 % wide, up to about 160,000
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, Histogram> values = new();

    private sealed class Histogram
    {
        public readonly long[] Counts = new long[Buckets];
        public long Count;
        public double Sum;

        public void Add(double value)
        {
            lock (this)
            {
                Counts[Math.Clamp((int)(Math.Log(1 + Math.Max(0, value)) * 50), 0, Buckets - 1)]++;
                Count++;
                Sum += value;
            }
        }

        /// <summary>The upper edge of the bucket holding the percentile (2 % above at most).</summary>
        public double Percentile(double p)
        {
            var rank = (long)Math.Ceiling(p / 100 * Count);
            long seen = 0;
            for (var i = 0; i < Buckets; i++)
                if ((seen += Counts[i]) >= rank) return Math.Exp((i + 1) / 50.0) - 1;
            return double.NaN;
        }
    }

    public PhaseListener(string meterName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var name = instrument.Name;
        foreach (var tag in tags)
            if (tag.Key == "phase") name = tag.Value as string ?? "?";
        values.GetOrAdd(name, _ => new Histogram()).Add(value);
    }

    public void Clear() => values.Clear();

    /// <summary>"phase p50 / p99 (n=…)" per phase, with each phase's sum when <paramref name="withSum"/>.</summary>
    public string Summary(bool withSum = false) => string.Join("; ", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v =>
    {
        lock (v.Value)
            return $"{v.Key} {v.Value.Percentile(50):0.0} / {v.Value.Percentile(99):0.0}{(withSum ? $" / {v.Value.Sum:N0}" : "")} (n={v.Value.Count:N0})";
    }));

    public void Dispose() => listener.Dispose();
}
