using System.Globalization;
using Omnichannel.BuildingBlocks.Calendar;

namespace Omnichannel.BuildingBlocks.Tests.Calendar;

/// <summary>Calendars and instants for the tests. Instants are written with explicit offsets so that
/// expectations do not depend on the time-zone code under test.</summary>
internal static class CalendarTestData
{
    /// <summary>"2026-01-09T14:59+01:00" → that instant.</summary>
    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    public static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The default (Mataró) on-site calendar: Mon–Thu 09:00–18:00, Fri 09:00–15:00, Catalan holidays.</summary>
    public static BusinessCalendar OnSite(params string[] extraHolidays) =>
        new BusinessCalendars(new BusinessCalendarOptions { Holidays = [.. extraHolidays] }).For("on-site");

    public static BusinessCalendar Phone() => new BusinessCalendars(new BusinessCalendarOptions()).For("phone");

    public static BusinessCalendar Custom(CalendarHoursOptions hours) =>
        new BusinessCalendars(new BusinessCalendarOptions { Calendars = { ["custom"] = hours } }).For("custom");
}
