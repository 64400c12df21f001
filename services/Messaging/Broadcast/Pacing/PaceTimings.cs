using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Omnichannel.Messaging.Broadcast.Pacing;

/// <summary>
/// Where an alert's pace goes (milliseconds): a send's answer time (turn given → provider answered), how long the
/// arrival rule held a send past its grid slot, how late its timer fired after the slot, and each page's claim and
/// record. The alert benchmark listens to this meter to print the breakdown; any metrics exporter can too. No chat,
/// citizen or text in a tag.
/// </summary>
public static class PaceTimings
{
    public const string MeterName = "Omnichannel.Messaging.Broadcast";
    public const string PhaseInstrument = "messaging.broadcast.phase";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Phases = Meter.CreateHistogram<double>(PhaseInstrument, "ms", "An alert's sends and pages, by phase");

    public static bool Enabled => Phases.Enabled;

    public static void Record(string phase, double milliseconds) =>
        Phases.Record(milliseconds, new KeyValuePair<string, object?>("phase", phase));

    public static void Since(string phase, long startedTimestamp) => Record(phase, Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds);
}
