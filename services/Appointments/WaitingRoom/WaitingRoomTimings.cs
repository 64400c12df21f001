using System.Diagnostics.Metrics;
using Omnichannel.BuildingBlocks.Telemetry;

namespace Omnichannel.Appointments.WaitingRoom;

/// <summary>
/// Where a join's time goes, on a meter (the benchmark listens; an operator can export it): from the gateway's stamp to
/// the handler, waiting for its batch, the batch's statement, waiting for the decision, the answer's reads and slots,
/// and the whole handler; and how many joins each batch held.
/// </summary>
public static class WaitingRoomTimings
{
    public const string MeterName = "Omnichannel.Appointments.WaitingRoom";
    public const string PhaseInstrument = "appointments.waiting_room.join.phase";
    public const string BatchSizeInstrument = "appointments.waiting_room.join.batch.size";

    private static readonly PhaseMeter Phases = new(MeterName, PhaseInstrument, "A join's phases before its answer");
    private static readonly Histogram<int> BatchSizes = Phases.Meter.CreateHistogram<int>(BatchSizeInstrument, "{join}", "Joins put in line by one statement");

    public static void Record(string phase, long startedTimestamp) => Phases.Since(phase, startedTimestamp);

    public static void Record(string phase, double ms) => Phases.Record(phase, ms);

    public static void Batched(int joins) => BatchSizes.Record(joins);
}
