using Omnichannel.BuildingBlocks.Telemetry;

namespace Omnichannel.Messaging.Conversations.Receiving;

/// <summary>
/// Where a webhook's time goes, per phase (milliseconds): waiting for the conversation's turn, the one read round trip,
/// the decision, the durable commit (with how many webhooks shared it), and after it the answer's wait for its send,
/// the send and the outcome's record. The webhook benchmark listens to this meter to print the breakdown.
/// </summary>
public static class InboundTimings
{
    public const string MeterName = "Omnichannel.Messaging.Inbound";

    public static readonly PhaseMeter Phases = new(MeterName, "messaging.inbound.phase", "A webhook's phases, its answer's send and record");

    private static readonly System.Diagnostics.Metrics.Histogram<int> CommitSizes =
        Phases.Meter.CreateHistogram<int>("messaging.inbound.commit.size", "{update}", "Updates stored by one commit");

    public static void Committed(int updates) => CommitSizes.Record(updates);
}
