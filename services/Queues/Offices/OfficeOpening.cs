using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Queues.Offices;

/// <summary>Walk-ins are refused while the office is closed: outside its calendar's opening hours, on a holiday, or
/// on a day the office directory closed it. Carries when it opens next (null: its calendar never opens).</summary>
public sealed class OfficeClosed(string officeId, DateTimeOffset? nextOpening)
    : Exception(nextOpening is { } at ? $"Office '{officeId}' is closed now; it opens again at {at:O}." : $"Office '{officeId}' is closed and has no opening hours.")
{
    public string OfficeId { get; } = officeId;
    public DateTimeOffset? NextOpening { get; } = nextOpening;
}

public static class OfficeOpening
{
    /// <summary>Throws <see cref="OfficeClosed"/> unless the office is open at <paramref name="now"/>.</summary>
    public static void EnsureOpen(OfficeState office, BusinessCalendar calendar, DateTimeOffset now)
    {
        var next = NextOpening(office, calendar, now);
        if (next != now) throw new OfficeClosed(office.OfficeId, next);
    }

    /// <summary><paramref name="from"/> itself when open then, else the start of the next opening that is not on a
    /// declared closure day; null when the calendar never opens (or every day for a year and more is closed).</summary>
    public static DateTimeOffset? NextOpening(OfficeState office, BusinessCalendar calendar, DateTimeOffset from)
    {
        var at = from;
        for (var tries = 0; tries < 400; tries++)
        {
            if (calendar.NextOpening(at) is not { } next) return null;
            var day = calendar.LocalDate(next);
            if (!office.Closures.Contains(day)) return next;
            // A declared closure: look from the next local midnight on.
            var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
            at = new DateTimeOffset(midnight, calendar.TimeZone.GetUtcOffset(midnight));
        }
        return null;
    }
}
