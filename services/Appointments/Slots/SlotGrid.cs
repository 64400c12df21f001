using Omnichannel.BuildingBlocks.Calendar;

namespace Omnichannel.Appointments.Slots;

/// <summary>
/// Where slots lie: back to back from the start of each of the office's open intervals on a local day, each as
/// long as the procedure's average attention, the last one ending by the close. The intervals come from the
/// business calendar as instants, so DST days, Friday short hours and holidays need nothing special here.
/// </summary>
public static class SlotGrid
{
    public static IReadOnlyList<OpenInterval> On(BusinessCalendar calendar, IEnumerable<DateOnly> closures, DateOnly day, TimeSpan length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        if (closures.Contains(day)) return [];
        var slots = new List<OpenInterval>();
        foreach (var open in calendar.OpenIntervals(day, day))
        {
            for (var start = open.Start; start + length <= open.End; start += length)
                slots.Add(new OpenInterval(calendar.ToLocal(start), calendar.ToLocal(start + length)));
        }
        return slots;
    }

    /// <summary>The slot length for a procedure: its average attention rounded up to 5 minutes, at least 5.</summary>
    public static TimeSpan LengthFor(int averageAttentionMinutes)
    {
        var minutes = Math.Max(5, (averageAttentionMinutes + 4) / 5 * 5);
        return TimeSpan.FromMinutes(minutes);
    }
}
