using Xunit;
using static Omnichannel.BuildingBlocks.Tests.Calendar.CalendarTestData;

namespace Omnichannel.BuildingBlocks.Tests.Calendar;

public class WorkingTimeBetweenTests
{
    [Theory]
    [InlineData("2026-01-09T14:59+01:00", 6.0)]    // over a weekend
    [InlineData("2026-01-10T10:00+01:00", 6.0)]    // from a closed Saturday
    [InlineData("2026-01-05T17:30+01:00", 10.0)]   // over Reis
    [InlineData("2026-03-27T13:00+01:00", 20.0)]   // over the March change
    [InlineData("2026-10-22T17:45+02:00", 7.25)]   // over the October change
    [InlineData("2026-12-23T16:00+01:00", 30.0)]   // over Christmas and into 2027
    [InlineData("2026-01-12T10:00+01:00", 500.0)]  // months, Easter included
    public void Working_time_between_a_start_and_its_deadline_is_the_working_time_added(string start, double hours)
    {
        var calendar = OnSite("2026-12-24");
        var workingTime = TimeSpan.FromHours(hours);

        var due = calendar.AddWorkingTime(At(start), workingTime);

        Assert.Equal(workingTime, calendar.WorkingTimeBetween(At(start), due));
    }

    [Theory]
    [InlineData("2026-01-09T14:59+01:00", "2026-01-12T14:59+01:00")]
    [InlineData("2026-01-10T10:00+01:00", "2026-01-13T09:00:00.0000001+01:00")]
    [InlineData("2026-03-27T14:00+01:00", "2026-03-30T10:30+02:00")]
    public void Adding_the_working_time_between_two_instants_reaches_the_later_one_when_it_is_open(string from, string to)
    {
        var calendar = OnSite();

        var workingTime = calendar.WorkingTimeBetween(At(from), At(to));

        Assert.Equal(At(to), calendar.AddWorkingTime(At(from), workingTime));
    }

    [Fact]
    public void Only_opening_hours_count()
    {
        // Monday 10:00 → Wednesday 10:00 with Tuesday a holiday (Reis): 8 h Monday + 1 h Wednesday.
        var hours = OnSite().WorkingTimeBetween(At("2026-01-05T10:00+01:00"), At("2026-01-07T10:00+01:00"));

        Assert.Equal(TimeSpan.FromHours(9), hours);
    }

    [Fact]
    public void A_closed_stretch_holds_no_working_time()
    {
        Assert.Equal(TimeSpan.Zero, OnSite().WorkingTimeBetween(At("2026-01-09T15:00+01:00"), At("2026-01-12T09:00+01:00")));
    }

    [Fact]
    public void Reversed_instants_give_negative_working_time()
    {
        var later = At("2026-01-12T11:00+01:00");
        var earlier = At("2026-01-12T09:30+01:00");

        Assert.Equal(TimeSpan.FromMinutes(-90), OnSite().WorkingTimeBetween(later, earlier));
    }
}
