using Microsoft.Extensions.Time.Testing;
using Omnichannel.BuildingBlocks.Calendar;
using Xunit;
using static Omnichannel.BuildingBlocks.Tests.Calendar.CalendarTestData;

namespace Omnichannel.BuildingBlocks.Tests.Calendar;

public class OpeningHoursBoundaryTests
{
    [Theory]
    [InlineData("2026-01-12T09:00+01:00", true)]            // Monday, opening time: open
    [InlineData("2026-01-12T08:59:59.9999999+01:00", false)] // one tick before
    [InlineData("2026-01-12T17:59:59.9999999+01:00", true)]  // one tick before closing
    [InlineData("2026-01-12T18:00+01:00", false)]           // closing time: closed
    [InlineData("2026-01-09T14:59+01:00", true)]            // Friday
    [InlineData("2026-01-09T15:00+01:00", false)]           // Friday closes at 15:00
    [InlineData("2026-01-10T10:00+01:00", false)]           // Saturday
    [InlineData("2026-01-06T10:00+01:00", false)]           // Tuesday, but Reis (holiday)
    [InlineData("2026-01-12T08:00Z", true)]                 // 09:00 in Madrid, given in UTC
    public void On_site_is_open_from_the_opening_time_until_just_before_closing(string instant, bool open)
    {
        Assert.Equal(open, OnSite().IsOpen(At(instant)));
    }

    [Theory]
    [InlineData("2026-01-12T08:30+01:00", true)]
    [InlineData("2026-01-12T08:29+01:00", false)]
    [InlineData("2026-01-16T14:59+01:00", true)]
    [InlineData("2026-01-16T15:00+01:00", false)]
    public void Phone_opens_at_08_30_and_closes_at_15_00_on_Friday(string instant, bool open)
    {
        Assert.Equal(open, Phone().IsOpen(At(instant)));
    }

    [Fact]
    public void Is_open_reads_the_current_instant_from_a_time_provider()
    {
        var clock = new FakeTimeProvider(At("2026-01-09T14:59+01:00"));
        var calendar = OnSite();
        Assert.True(calendar.IsOpen(clock));

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.False(calendar.IsOpen(clock));
    }

    [Fact]
    public void Next_opening_while_open_is_the_same_instant()
    {
        var during = At("2026-01-12T11:17+01:00");

        Assert.Equal(during, OnSite().NextOpening(during));
    }

    [Theory]
    [InlineData("2026-01-09T15:00+01:00", "2026-01-12T09:00+01:00")] // Friday closing → Monday
    [InlineData("2026-01-10T12:00+01:00", "2026-01-12T09:00+01:00")] // Saturday → Monday
    [InlineData("2026-01-12T06:00+01:00", "2026-01-12T09:00+01:00")] // early Monday → same day
    [InlineData("2026-01-05T18:00+01:00", "2026-01-07T09:00+01:00")] // Monday evening → skips Reis on Tuesday
    public void Next_opening_when_closed_is_the_start_of_the_next_open_interval(string from, string expected)
    {
        Assert.Equal(At(expected), OnSite().NextOpening(At(from)));
    }

    [Fact]
    public void Next_opening_of_a_calendar_that_never_opens_is_null()
    {
        var closed = new BusinessCalendar("closed", TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid"),
            new Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>>(), []);

        Assert.Null(closed.NextOpening(At("2026-01-12T10:00+01:00")));
    }

    [Fact]
    public void Open_intervals_list_each_working_day_and_leave_out_weekends_and_holidays()
    {
        // Mon 5 Jan .. Sun 11 Jan 2026; Tue 6 Jan is Reis.
        var intervals = OnSite().OpenIntervals(Day("2026-01-05"), Day("2026-01-11"));

        Assert.Equal(
            [
                new OpenInterval(At("2026-01-05T09:00+01:00"), At("2026-01-05T18:00+01:00")),
                new OpenInterval(At("2026-01-07T09:00+01:00"), At("2026-01-07T18:00+01:00")),
                new OpenInterval(At("2026-01-08T09:00+01:00"), At("2026-01-08T18:00+01:00")),
                new OpenInterval(At("2026-01-09T09:00+01:00"), At("2026-01-09T15:00+01:00")),
            ],
            intervals);
    }

    [Fact]
    public void Overlapping_hours_on_one_day_are_rejected()
    {
        var week = new Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>>
        {
            [DayOfWeek.Monday] = [OpeningHours.Parse("13:00-19:00"), OpeningHours.Parse("09:00-14:00")],
        };

        var error = Assert.Throws<ArgumentException>(() =>
            new BusinessCalendar("x", TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid"), week, []));
        Assert.Equal("Monday: \"09:00-14:00\" and \"13:00-19:00\" overlap.", error.Message);
    }
}
