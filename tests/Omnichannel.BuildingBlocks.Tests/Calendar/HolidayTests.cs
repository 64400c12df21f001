using Omnichannel.BuildingBlocks.Calendar;
using Xunit;
using static Omnichannel.BuildingBlocks.Tests.Calendar.CalendarTestData;

namespace Omnichannel.BuildingBlocks.Tests.Calendar;

public class HolidayTests
{
    [Theory]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2008, "2008-03-23")] // early
    [InlineData(2019, "2019-04-21")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2038, "2038-04-25")] // latest possible date
    public void Easter_Sunday_is_computed(int year, string expected)
    {
        Assert.Equal(Day(expected), Easter.Sunday(year));
    }

    [Theory]
    [InlineData(2026, "2026-04-03", "2026-04-06")]
    [InlineData(2027, "2027-03-26", "2027-03-29")]
    public void Good_Friday_and_Easter_Monday_are_Catalan_holidays(int year, string goodFriday, string easterMonday)
    {
        var holidays = CatalanHolidays.For(year);

        Assert.Contains(Day(goodFriday), holidays);
        Assert.Contains(Day(easterMonday), holidays);
        Assert.True(OnSite().IsHoliday(Day(goodFriday)));
        Assert.True(OnSite().IsHoliday(Day(easterMonday)));
    }

    [Fact]
    public void The_Catalan_list_has_the_fourteen_days_of_2026()
    {
        string[] expected =
        [
            "2026-01-01", "2026-01-06", "2026-04-03", "2026-04-06", "2026-05-01", "2026-06-24", "2026-08-15",
            "2026-09-11", "2026-10-12", "2026-11-01", "2026-12-06", "2026-12-08", "2026-12-25", "2026-12-26",
        ];

        Assert.Equal(expected.Select(Day), CatalanHolidays.For(2026));
    }

    [Fact]
    public void Years_without_a_checked_official_list_are_not_guessed()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CatalanHolidays.For(2028));
        Assert.Contains("BusinessCalendar:Holidays", error.Message);
    }

    [Fact]
    public void Working_time_skips_the_Easter_holidays()
    {
        // Thursday 2 Apr 17:00 + 2 h: 1 h on Thursday, Good Friday and Easter Monday closed, 1 h on Tuesday.
        var due = OnSite().AddWorkingTime(At("2026-04-02T17:00+02:00"), TimeSpan.FromHours(2));

        Assert.Equal(At("2026-04-07T10:00+02:00"), due);
    }

    [Fact]
    public void A_configured_Christmas_Eve_is_skipped_together_with_Christmas_and_Sant_Esteve()
    {
        // Wednesday 23 Dec 16:00 + 6 h: 2 h on Wednesday; 24 (configured), 25 and 26 closed; weekend; 4 h on Monday 28.
        var due = OnSite("2026-12-24").AddWorkingTime(At("2026-12-23T16:00+01:00"), TimeSpan.FromHours(6));

        Assert.Equal(At("2026-12-28T13:00+01:00"), due);
    }

    [Fact]
    public void Without_configuring_Christmas_Eve_it_is_a_working_day()
    {
        var due = OnSite().AddWorkingTime(At("2026-12-23T16:00+01:00"), TimeSpan.FromHours(6));

        Assert.Equal(At("2026-12-24T13:00+01:00"), due);
    }

    [Fact]
    public void Catalan_holidays_can_be_switched_off()
    {
        var calendar = new BusinessCalendars(new BusinessCalendarOptions { UseCatalanHolidays = false }).For("on-site");

        Assert.False(calendar.IsHoliday(Day("2026-04-03")));
        Assert.True(calendar.IsOpen(At("2026-04-03T10:00+02:00")));
    }

    [Fact]
    public void A_calendar_s_own_holidays_close_only_that_calendar()
    {
        var options = new BusinessCalendarOptions
        {
            Calendars = { ["phone"] = CalendarHoursOptions.MondayToFriday("08:30-18:00", "08:30-15:00") },
        };
        options.Calendars["phone"].Holidays = ["2026-07-27"];
        var calendars = new BusinessCalendars(options);

        Assert.True(calendars.For("phone").IsHoliday(Day("2026-07-27")));
        Assert.False(calendars.For("on-site").IsHoliday(Day("2026-07-27")));
        Assert.True(calendars.For("on-site").IsOpen(At("2026-07-27T10:00+02:00")));
    }
}
