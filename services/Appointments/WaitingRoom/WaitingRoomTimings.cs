using System.Diagnostics;
using System.Diagnostics.Metrics;

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

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Phases = Meter.CreateHistogram<double>(PhaseInstrument, "ms", "A join's phases before its answer");
    private static readonly Histogram<int> BatchSizes = Meter.CreateHistogram<int>(BatchSizeInstrument, "{join}", "Joins put in line by one statement");

    public static void Record(string phase, long startedTimestamp) => Record(phase, Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds);

    public static void Record(string phase, double ms) => Phases.Record(ms, new KeyValuePair<string, object?>("phase", phase));

    public static void Batched(int joins) => BatchSizes.Record(joins);
}
