using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Omnichannel.BuildingBlocks.Telemetry;

/// <summary>
/// Where a hot path's time goes, by phase: one meter with one histogram in milliseconds, tagged only with the phase's
/// name (never a chat, citizen or text). A benchmark listens to the meter by its name to print the breakdown; any
/// metrics exporter can too. Further instruments of the same meter hang off <see cref="Meter"/>.
/// </summary>
public sealed class PhaseMeter
{
    private readonly Histogram<double> phases;

    public PhaseMeter(string meterName, string instrumentName, string description)
    {
        Meter = new Meter(meterName);
        phases = Meter.CreateHistogram<double>(instrumentName, "ms", description);
    }

    public Meter Meter { get; }

    public string MeterName => Meter.Name;

    /// <summary>Whether anyone listens (skip work done only to measure).</summary>
    public bool Enabled => phases.Enabled;

    public void Record(string phase, double milliseconds) =>
        phases.Record(milliseconds, new KeyValuePair<string, object?>("phase", phase));

    /// <summary>The time since <paramref name="startedTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void Since(string phase, long startedTimestamp) => Record(phase, Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds);
}
