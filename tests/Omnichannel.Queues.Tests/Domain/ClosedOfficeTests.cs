using Omnichannel.Queues.Lines;
using Omnichannel.Queues.Offices;
using static Omnichannel.Queues.Tests.Domain.Day;

namespace Omnichannel.Queues.Tests.Domain;

/// <summary>No walk-in ticket while the office is closed: the refusal says when it opens next.</summary>
public class ClosedOfficeTests
{
    private static readonly TimeSpan Madrid = TimeSpan.FromHours(1); // CET in March and December

    [Fact]
    public void A_walk_in_before_opening_time_is_refused_with_the_opening_of_the_same_morning()
    {
        var day = new Day();

        var closed = Assert.Throws<OfficeClosed>(() => day.Issue(3, Nine.AddMinutes(-1)));

        Assert.Equal(Nine, closed.NextOpening);
        Assert.Empty(day.History);
    }

    [Fact]
    public void A_walk_in_on_a_friday_afternoon_is_refused_until_monday_morning()
    {
        var fridayAfternoon = new DateTimeOffset(2026, 3, 6, 15, 0, 0, Madrid); // on-site closes at 15:00 on Fridays

        var closed = Assert.Throws<OfficeClosed>(() => new Day().Issue(3, fridayAfternoon));

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 9, 0, 0, Madrid), closed.NextOpening);
    }

    [Fact]
    public void A_walk_in_on_a_holiday_is_refused_until_the_next_working_day()
    {
        var easterMonday = new DateTimeOffset(2026, 4, 6, 10, 0, 0, TimeSpan.FromHours(2)); // Dilluns de Pasqua, CEST

        var closed = Assert.Throws<OfficeClosed>(() => new Day().Issue(3, easterMonday));

        Assert.Equal(new DateTimeOffset(2026, 4, 7, 9, 0, 0, TimeSpan.FromHours(2)), closed.NextOpening);
    }

    [Fact]
    public void A_walk_in_on_a_day_the_directory_closed_the_office_is_refused_until_the_next_open_day()
    {
        var closedToday = OfficeState.Evolve(Mataro, new OfficeClosureNoted(Office, Date, "Inventari", Nine.AddDays(-3)));
        var closedTwoDays = OfficeState.Evolve(closedToday, new OfficeClosureNoted(Office, Date.AddDays(1), "Inventari", Nine.AddDays(-3)));
        var day = new Day { OfficeState = closedTwoDays };

        var closed = Assert.Throws<OfficeClosed>(() => day.Issue(3, Nine.AddHours(2)));

        Assert.Equal(Nine.AddDays(2), closed.NextOpening); // Wednesday 9:00
    }

    [Fact]
    public void A_walk_in_at_opening_time_is_issued()
    {
        Assert.Equal(ServiceLines.Point0, new Day().Issued(3, Nine).Line);
    }

    [Fact]
    public void A_checked_in_appointment_still_joins_its_line_before_opening_time()
    {
        var day = new Day();

        var placed = day.Appointment(Nine.AddMinutes(10), checkedInAt: Nine.AddMinutes(-20));

        Assert.Equal(ServiceLines.Appointment, placed.Line);
    }
}
