using System.Globalization;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Calendar;

namespace Omnichannel.Messaging.Operators.HandingOver;

/// <summary><c>Messaging:Operators</c>: which business calendar says when people answer the chats.</summary>
public sealed class OperatorOptions
{
    public const string Section = "Messaging:Operators";

    /// <summary>A calendar of <c>BusinessCalendar:Calendars</c>; messaging's appsettings declares <c>chat-operators</c>,
    /// Monday to Friday 8:00 to 19:00 as in Mataró's service.</summary>
    public string Calendar { get; set; } = "chat-operators";
}

/// <summary>The operators' hours, from the council's business calendar (holidays included), on the service's clock.</summary>
public sealed class OperatorHours(IBusinessCalendars calendars, IOptions<OperatorOptions> options, TimeProvider clock)
{
    public BusinessCalendar Calendar => calendars.For(options.Value.Calendar);

    public OperatorAvailability Now(string language) => new(Calendar.IsOpen(clock.GetUtcNow()), Describe(Calendar, language));

    private static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>"de dilluns a divendres de 08:00 a 19:00": consecutive days with the same hours said once.</summary>
    public static string Describe(BusinessCalendar calendar, string language)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < Week.Length)
        {
            var hours = Hours(calendar, Week[i], language);
            var j = i;
            while (j + 1 < Week.Length && Hours(calendar, Week[j + 1], language) == hours) j++;
            if (hours.Length > 0) parts.Add(Days(Week[i], Week[j], language) + " " + hours);
            i = j + 1;
        }
        var and = language switch { "es" => " y ", "en" => " and ", _ => " i " };
        return parts.Count <= 1 ? parts.FirstOrDefault() ?? "" : string.Join(", ", parts[..^1]) + and + parts[^1];
    }

    private static string Hours(BusinessCalendar calendar, DayOfWeek day, string language)
    {
        var (from, to, and) = language switch { "es" => ("de", "a", "y"), "en" => ("from", "to", "and"), _ => ("de", "a", "i") };
        return string.Join($" {and} ", calendar.HoursOn(day).Select(h =>
            $"{from} {Clock(h.Open)} {to} {Clock(h.Close)}"));
    }

    private static string Clock(TimeSpan time) => ((int)time.TotalHours).ToString("00", CultureInfo.InvariantCulture) + ":" + time.Minutes.ToString("00", CultureInfo.InvariantCulture);

    private static string Days(DayOfWeek first, DayOfWeek last, string language)
    {
        var names = language switch
        {
            "es" => new[] { "domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado" },
            "en" => ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
            _ => ["diumenge", "dilluns", "dimarts", "dimecres", "dijous", "divendres", "dissabte"],
        };
        if (first == last) return language switch { "en" => "on " + names[(int)first], "es" => "el " + names[(int)first], _ => "el " + names[(int)first] };
        return language switch
        {
            "en" => $"{names[(int)first]} to {names[(int)last]}",
            "es" => $"de {names[(int)first]} a {names[(int)last]}",
            _ => $"de {names[(int)first]} a {names[(int)last]}",
        };
    }
}
