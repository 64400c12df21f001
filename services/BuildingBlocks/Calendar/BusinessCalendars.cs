using Microsoft.Extensions.Options;

namespace Omnichannel.BuildingBlocks.Calendar;

/// <inheritdoc />
public sealed class BusinessCalendars : IBusinessCalendars
{
    private readonly IReadOnlyDictionary<string, BusinessCalendar> _calendars;

    /// <exception cref="OptionsValidationException">The options are invalid; every problem is listed.</exception>
    public BusinessCalendars(BusinessCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        _calendars = BusinessCalendarFactory.Create(options, errors);
        if (errors.Count > 0)
            throw new OptionsValidationException(Options.DefaultName, typeof(BusinessCalendarOptions), errors);
        Names = _calendars.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyCollection<string> Names { get; }

    public BusinessCalendar For(string calendarName) =>
        _calendars.TryGetValue(calendarName, out var calendar)
            ? calendar
            : throw new KeyNotFoundException(
                $"No business calendar named \"{calendarName}\". Known calendars: {string.Join(", ", Names)}. " +
                $"Add it under {BusinessCalendarOptions.SectionName}:Calendars.");
}
