using Omnichannel.BuildingBlocks.Calendar;

namespace Omnichannel.Testing;

/// <summary>Times the demo phone service takes callbacks at (Monday to Thursday 08:30–18:00, not on a holiday), in
/// Madrid's time: callback tests in several projects book on such a day.</summary>
public static class PhoneDays
{
    public static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    /// <summary>A Monday–Thursday that is no holiday, a few days ahead.</summary>
    public static DateOnly Next()
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
        while (day.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday or DayOfWeek.Sunday || CatalanHolidays.All.Contains(day))
            day = day.AddDays(1);
        return day;
    }

    /// <summary><paramref name="hour"/>:<paramref name="minute"/> of <paramref name="day"/> in Madrid.</summary>
    public static DateTimeOffset At(DateOnly day, int hour, int minute)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Madrid.GetUtcOffset(local));
    }
}
