namespace Omnichannel.BuildingBlocks.Calendar;

/// <summary>
/// Configuration section "BusinessCalendar". Example:
/// <code>
/// "BusinessCalendar": {
///   "TimeZone": "Europe/Madrid",
///   "Holidays": [ "2026-12-24" ],
///   "UseCatalanHolidays": true,
///   "Calendars": {
///     "on-site": { "Monday": [ "09:00-18:00" ], "Friday": [ "09:00-15:00" ] },
///     "phone":   { "Monday": [ "08:30-14:00", "16:00-18:00" ], "Holidays": [ "2026-07-27" ] }
///   }
/// }
/// </code>
/// </summary>
public sealed class BusinessCalendarOptions
{
    public const string SectionName = "BusinessCalendar";

    /// <summary>IANA id of the zone the opening hours are written in.</summary>
    public string TimeZone { get; set; } = "Europe/Madrid";

    /// <summary>Dates ("yyyy-MM-dd") closed all day in every calendar, e.g. the council's local holidays.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Adds the built-in Catalan holidays (<see cref="CatalanHolidays"/>) to every calendar.</summary>
    public bool UseCatalanHolidays { get; set; } = true;

    /// <summary>
    /// Calendars by name. One configured here replaces the built-in calendar of the same name as a whole
    /// (days it leaves out are closed); built-in calendars it does not name stay as in <see cref="DefaultCalendars"/>.
    /// </summary>
    /// <remarks>
    /// Starts empty because the configuration binder appends to collections it finds filled,
    /// which would merge configured hours into the defaults instead of replacing them.
    /// </remarks>
    public Dictionary<string, CalendarHoursOptions> Calendars { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The seed values from Mataró: the central office, the telephone service and the civic centres (Monday to
    /// Friday 9:00 to 21:00). Built in, so every service judges an office of the directory by the same hours.</summary>
    public static IReadOnlyDictionary<string, CalendarHoursOptions> DefaultCalendars { get; } =
        new Dictionary<string, CalendarHoursOptions>(StringComparer.OrdinalIgnoreCase)
        {
            ["on-site"] = CalendarHoursOptions.MondayToFriday(weekday: "09:00-18:00", friday: "09:00-15:00"),
            ["phone"] = CalendarHoursOptions.MondayToFriday(weekday: "08:30-18:00", friday: "08:30-15:00"),
            ["civic-centre"] = CalendarHoursOptions.MondayToFriday(weekday: "09:00-21:00", friday: "09:00-21:00"),
        };

    /// <summary>The built-in calendars overlaid with the configured ones.</summary>
    public IReadOnlyDictionary<string, CalendarHoursOptions> EffectiveCalendars()
    {
        var calendars = new Dictionary<string, CalendarHoursOptions>(DefaultCalendars, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, hours) in Calendars)
            calendars[name] = hours;
        return calendars;
    }
}

/// <summary>One calendar's weekly opening hours ("HH:mm-HH:mm", several per day allowed) and its own extra holidays.</summary>
public sealed class CalendarHoursOptions
{
    public string[] Monday { get; set; } = [];
    public string[] Tuesday { get; set; } = [];
    public string[] Wednesday { get; set; } = [];
    public string[] Thursday { get; set; } = [];
    public string[] Friday { get; set; } = [];
    public string[] Saturday { get; set; } = [];
    public string[] Sunday { get; set; } = [];

    /// <summary>Dates ("yyyy-MM-dd") closed in this calendar only, on top of the shared holidays.</summary>
    public string[] Holidays { get; set; } = [];

    public static CalendarHoursOptions MondayToFriday(string weekday, string friday) => new()
    {
        Monday = [weekday],
        Tuesday = [weekday],
        Wednesday = [weekday],
        Thursday = [weekday],
        Friday = [friday],
    };

    public string[] On(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Monday,
        DayOfWeek.Tuesday => Tuesday,
        DayOfWeek.Wednesday => Wednesday,
        DayOfWeek.Thursday => Thursday,
        DayOfWeek.Friday => Friday,
        DayOfWeek.Saturday => Saturday,
        _ => Sunday,
    };
}
