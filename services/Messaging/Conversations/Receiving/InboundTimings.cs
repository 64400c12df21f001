using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Omnichannel.Messaging.Conversations.Receiving;

/// <summary>
/// Where a webhook's time goes before its 200, per phase (milliseconds): waiting for the conversation's turn, the one
/// read round trip, the decision, and the durable commit (with how many webhooks shared it). The webhook benchmark
/// listens to this meter to print the breakdown; any metrics exporter can too. No chat, citizen or text in a tag.
/// </summary>
public static class InboundTimings
{
    public const string MeterName = "Omnichannel.Messaging.Inbound";
    public const string PhaseInstrument = "messaging.inbound.phase";
    public const string CommitSizeInstrument = "messaging.inbound.commit.size";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Phases = Meter.CreateHistogram<double>(PhaseInstrument, "ms", "A webhook's phases before its 200");
    private static readonly Histogram<int> CommitSizes = Meter.CreateHistogram<int>(CommitSizeInstrument, "{update}", "Updates stored by one commit");

    public static void Record(string phase, long startedTimestamp) =>
        Phases.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds, new KeyValuePair<string, object?>("phase", phase));

    public static void Committed(int updates) => CommitSizes.Record(updates);
}
