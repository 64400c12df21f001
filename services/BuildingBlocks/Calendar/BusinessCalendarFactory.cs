using System.Globalization;

namespace Omnichannel.BuildingBlocks.Calendar;

/// <summary>
/// Turns <see cref="BusinessCalendarOptions"/> into calendars, collecting every problem as a message that
/// names the configuration key, so start-up validation and the registry share one reading of the options.
/// </summary>
internal static class BusinessCalendarFactory
{
    private const string Section = BusinessCalendarOptions.SectionName;

    public static IReadOnlyDictionary<string, BusinessCalendar> Create(BusinessCalendarOptions options, List<string> errors)
    {
        var calendars = new Dictionary<string, BusinessCalendar>(StringComparer.OrdinalIgnoreCase);

        var zone = FindTimeZone(options.TimeZone, errors);
        var shared = ParseDates(options.Holidays, $"{Section}:Holidays", errors);
        if (options.UseCatalanHolidays)
            shared.AddRange(CatalanHolidays.All);

        foreach (var (name, hours) in options.EffectiveCalendars())
        {
            var path = $"{Section}:Calendars:{name}";
            var week = ParseWeek(hours, path, errors);
            var holidays = ParseDates(hours.Holidays, $"{path}:Holidays", errors);
            if (week is null || zone is null)
                continue;

            try
            {
                var calendar = new BusinessCalendar(name, zone, week, shared.Concat(holidays));
                if (calendar.HasOpeningHours)
                    calendars[name] = calendar;
                else
                    errors.Add($"{path}: has no opening hours on any day (give e.g. \"Monday\": [\"09:00-18:00\"]).");
            }
            catch (ArgumentException overlap)
            {
                errors.Add($"{path}:{overlap.Message}");
            }
        }

        return calendars;
    }

    private static TimeZoneInfo? FindTimeZone(string? id, List<string> errors)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id ?? "");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            errors.Add($"{Section}:TimeZone: \"{id}\" is not a known time zone (expected an IANA id such as \"Europe/Madrid\").");
            return null;
        }
    }

    private static Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>>? ParseWeek(CalendarHoursOptions hours, string path, List<string> errors)
    {
        var week = new Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>>();
        var valid = true;
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var parsed = new List<OpeningHours>();
            foreach (var text in hours.On(day))
            {
                try
                {
                    parsed.Add(OpeningHours.Parse(text));
                }
                catch (FormatException e)
                {
                    errors.Add($"{path}:{day}: {e.Message}");
                    valid = false;
                }
            }

            week[day] = parsed;
        }

        return valid ? week : null;
    }

    private static List<DateOnly> ParseDates(IEnumerable<string> texts, string path, List<string> errors)
    {
        var dates = new List<DateOnly>();
        foreach (var text in texts)
        {
            if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                dates.Add(date);
            else
                errors.Add($"{path}: \"{text}\" is not a date in the form \"yyyy-MM-dd\".");
        }

        return dates;
    }
}
