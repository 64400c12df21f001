using Omnichannel.BuildingBlocks.Calendar;
using Xunit;
using static Omnichannel.BuildingBlocks.Tests.Calendar.CalendarTestData;

namespace Omnichannel.BuildingBlocks.Tests.Calendar;

public class AddingWorkingTimeTests
{
    private static readonly TimeSpan SixHours = TimeSpan.FromHours(6);

    [Fact]
    public void Six_working_hours_after_Friday_14_00_land_on_Monday_14_00()
    {
        // 1 h left on Friday (closes 15:00), 5 h from Monday 09:00.
        var due = OnSite().AddWorkingTime(At("2026-01-09T14:00+01:00"), SixHours);

        Assert.Equal(At("2026-01-12T14:00+01:00"), due);
    }

    [Fact]
    public void Six_working_hours_after_Friday_14_59_land_on_Monday_14_59()
    {
        var due = OnSite().AddWorkingTime(At("2026-01-09T14:59+01:00"), SixHours);

        Assert.Equal(At("2026-01-12T14:59+01:00"), due);
    }

    [Theory]
    [InlineData("2026-01-09T15:00+01:00")] // Friday at closing time: already closed
    [InlineData("2026-01-09T20:00+01:00")] // Friday evening
    [InlineData("2026-01-10T11:00+01:00")] // Saturday
    [InlineData("2026-01-12T07:30+01:00")] // Monday before opening
    public void Counting_from_a_closed_moment_starts_at_the_next_opening(string start)
    {
        var due = OnSite().AddWorkingTime(At(start), SixHours);

        Assert.Equal(At("2026-01-12T15:00+01:00"), due);
    }

    [Fact]
    public void A_deadline_falling_exactly_at_closing_time_is_that_closing_time()
    {
        var due = OnSite().AddWorkingTime(At("2026-01-09T09:00+01:00"), SixHours);

        Assert.Equal(At("2026-01-09T15:00+01:00"), due);
    }

    [Fact]
    public void The_midday_break_between_two_intervals_does_not_count()
    {
        var split = Custom(new CalendarHoursOptions { Wednesday = ["09:00-14:00", "16:00-19:00"] });

        var due = split.AddWorkingTime(At("2026-01-07T13:00+01:00"), TimeSpan.FromHours(2));

        Assert.Equal(At("2026-01-07T17:00+01:00"), due);
    }

    [Fact]
    public void Working_time_spanning_many_weeks_counts_each_week_and_skips_holidays()
    {
        // 4 full weeks of 42 h from Monday 2026-02-02; no holidays in February.
        var due = OnSite().AddWorkingTime(At("2026-02-02T09:00+01:00"), TimeSpan.FromHours(4 * 42));

        Assert.Equal(At("2026-02-27T15:00+01:00"), due);
    }

    [Fact]
    public void Zero_working_time_is_the_start_itself()
    {
        var saturday = At("2026-01-10T11:00+01:00");

        Assert.Equal(saturday, OnSite().AddWorkingTime(saturday, TimeSpan.Zero));
    }

    [Fact]
    public void Negative_working_time_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            OnSite().AddWorkingTime(At("2026-01-12T10:00+01:00"), TimeSpan.FromMinutes(-1)));
    }

    [Fact]
    public void A_calendar_that_never_opens_refuses_to_add_working_time()
    {
        var closed = new BusinessCalendar("closed", TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid"),
            new Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>>(), []);

        var error = Assert.Throws<InvalidOperationException>(() => closed.AddWorkingTime(At("2026-01-12T10:00+01:00"), SixHours));
        Assert.Contains("closed", error.Message);
    }

    [Fact]
    public void The_result_is_expressed_in_Madrid_local_offset()
    {
        var due = OnSite().AddWorkingTime(At("2026-01-09T13:00Z"), SixHours);

        Assert.Equal(TimeSpan.FromHours(1), due.Offset);
        Assert.Equal(new DateTime(2026, 1, 12, 14, 0, 0), due.DateTime);
    }
}
