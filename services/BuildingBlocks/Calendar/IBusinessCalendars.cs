namespace Omnichannel.BuildingBlocks.Calendar;

/// <summary>The configured business calendars, by name ("on-site", "phone", ...).</summary>
public interface IBusinessCalendars
{
    IReadOnlyCollection<string> Names { get; }

    /// <exception cref="KeyNotFoundException">No calendar has that name.</exception>
    BusinessCalendar For(string calendarName);
}
