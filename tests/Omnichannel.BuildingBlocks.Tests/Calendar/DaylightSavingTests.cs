using Omnichannel.BuildingBlocks.Calendar;
using Xunit;
using static Omnichannel.BuildingBlocks.Tests.Calendar.CalendarTestData;

namespace Omnichannel.BuildingBlocks.Tests.Calendar;

/// <summary>
/// 2026 changes in Madrid: Sunday 29 March 02:00 CET → 03:00 CEST (02:xx never happens) and
/// Sunday 25 October 03:00 CEST → 02:00 CET (02:xx happens twice). Expectations are in UTC.
/// </summary>
public class DaylightSavingTests
{
    [Fact]
    public void Working_time_crossing_the_March_change_lands_on_summer_time()
    {
        // Friday 14:00 CET + 6 h → Monday 14:00 CEST, which is 12:00Z (a fixed +01:00 would give 13:00Z).
        var due = OnSite().AddWorkingTime(At("2026-03-27T13:00Z"), TimeSpan.FromHours(6));

        Assert.Equal(At("2026-03-30T12:00Z"), due);
        Assert.Equal(TimeSpan.FromHours(2), due.Offset);
    }

    [Fact]
    public void Working_time_crossing_the_October_change_lands_on_winter_time()
    {
        // Friday 14:00 CEST + 6 h → Monday 14:00 CET = 13:00Z.
        var due = OnSite().AddWorkingTime(At("2026-10-23T12:00Z"), TimeSpan.FromHours(6));

        Assert.Equal(At("2026-10-26T13:00Z"), due);
        Assert.Equal(TimeSpan.FromHours(1), due.Offset);
    }

    [Theory]
    [InlineData("2026-03-27T13:00Z", "2026-03-30T12:00Z")] // 71 h of real time, 6 working hours
    [InlineData("2026-10-23T12:00Z", "2026-10-26T13:00Z")] // 73 h of real time, 6 working hours
    public void Working_time_across_a_change_counts_wall_clock_opening_hours(string from, string to)
    {
        Assert.Equal(TimeSpan.FromHours(6), OnSite().WorkingTimeBetween(At(from), At(to)));
    }

    [Theory]
    [InlineData("2026-03-29", "2026-03-29T07:00Z", "2026-03-29T16:00Z")] // 09:00 and 18:00 CEST
    [InlineData("2026-10-25", "2026-10-25T08:00Z", "2026-10-25T17:00Z")] // 09:00 and 18:00 CET
    [InlineData("2026-03-28", "2026-03-28T08:00Z", "2026-03-28T17:00Z")] // the day before, still CET
    [InlineData("2026-10-24", "2026-10-24T07:00Z", "2026-10-24T16:00Z")] // the day before, still CEST
    public void A_09_to_18_day_on_a_change_day_is_nine_hours_at_the_right_instants(string day, string start, string end)
    {
        var allWeek = Custom(EveryDay("09:00-18:00"));

        var interval = Assert.Single(allWeek.OpenIntervals(Day(day), Day(day)));

        Assert.Equal(At(start), interval.Start);
        Assert.Equal(At(end), interval.End);
        Assert.Equal(TimeSpan.FromHours(9), interval.End - interval.Start);
    }

    [Theory]
    // 01:00 CET → 04:00 CEST: the skipped hour is not worked, so 2 h.
    [InlineData("2026-03-29", "01:00-04:00", "2026-03-29T00:00Z", "2026-03-29T02:00Z")]
    // Opening in the skipped hour: opens when the clock jumps past 02:30, i.e. at the change (01:00Z).
    [InlineData("2026-03-29", "02:30-05:00", "2026-03-29T01:00Z", "2026-03-29T03:00Z")]
    // 01:00 CEST → 04:00 CET: the repeated hour is worked twice, so 4 h.
    [InlineData("2026-10-25", "01:00-04:00", "2026-10-24T23:00Z", "2026-10-25T03:00Z")]
    // Opening in the repeated hour: its first occurrence (02:30 CEST).
    [InlineData("2026-10-25", "02:30-05:00", "2026-10-25T00:30Z", "2026-10-25T04:00Z")]
    public void Hours_straddling_a_skipped_or_repeated_hour_have_correct_instants(string day, string hours, string start, string end)
    {
        var night = Custom(EveryDay(hours));

        var interval = Assert.Single(night.OpenIntervals(Day(day), Day(day)));

        Assert.Equal(new OpenInterval(At(start), At(end)), interval);
    }

    [Fact]
    public void Hours_wholly_inside_the_skipped_hour_do_not_happen()
    {
        var night = Custom(EveryDay("02:15-02:45"));

        Assert.Empty(night.OpenIntervals(Day("2026-03-29"), Day("2026-03-29")));
        Assert.Single(night.OpenIntervals(Day("2026-03-28"), Day("2026-03-28")));
    }

    [Fact]
    public void Both_passes_through_the_repeated_hour_are_open()
    {
        var night = Custom(EveryDay("01:00-04:00"));

        Assert.True(night.IsOpen(At("2026-10-25T02:30+02:00")));  // first 02:30
        Assert.True(night.IsOpen(At("2026-10-25T02:30+01:00")));  // second 02:30
        Assert.False(night.IsOpen(At("2026-10-25T04:00+01:00")));
    }

    [Fact]
    public void Adding_working_time_through_the_repeated_hour_counts_it_twice()
    {
        var night = Custom(EveryDay("01:00-04:00"));

        // From 01:00 CEST, 3 h of work end at 03:00 CET (02:00Z), one wall-clock hour before closing.
        var due = night.AddWorkingTime(At("2026-10-24T23:00Z"), TimeSpan.FromHours(3));

        Assert.Equal(At("2026-10-25T02:00Z"), due);
    }

    private static CalendarHoursOptions EveryDay(string hours) => new()
    {
        Monday = [hours], Tuesday = [hours], Wednesday = [hours], Thursday = [hours],
        Friday = [hours], Saturday = [hours], Sunday = [hours],
    };
}
