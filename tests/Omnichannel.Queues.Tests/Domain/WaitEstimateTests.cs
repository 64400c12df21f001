using Omnichannel.Queues.Lines;
using Omnichannel.Queues.WaitEstimates;
using static Omnichannel.Queues.Tests.Domain.Day;

namespace Omnichannel.Queues.Tests.Domain;

/// <summary>A wait nobody can give is said to be unknown, never "0 minutes".</summary>
public class WaitEstimateTests
{
    [Fact]
    public void The_first_ticket_of_a_line_no_open_desk_serves_has_an_unknown_wait_not_zero_minutes()
    {
        var day = new Day();
        day.Issued(3, Nine);

        var wait = WaitEstimator.For(day.State, ServiceLines.Point0, "P-001", Nine);

        Assert.Equal((0, (int?)null, (int?)null, WaitEstimate.NoOpenDesk), (wait.Ahead, wait.ExpectedMinutes, wait.OptimisticMinutes, wait.Unknown));
    }

    [Fact]
    public void A_desk_open_on_another_line_leaves_the_wait_unknown()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.General);
        day.Issued(3, Nine);

        Assert.Equal(WaitEstimate.NoOpenDesk, WaitEstimator.For(day.State, ServiceLines.Point0, "P-001", Nine).Unknown);
    }

    [Fact]
    public void Once_a_desk_serves_the_line_the_wait_is_given_in_minutes()
    {
        var day = new Day();
        day.Issued(3, Nine);
        day.Issued(3, Nine);
        day.OpenDesk("1", Nine, ServiceLines.Point0);

        var wait = WaitEstimator.For(day.State, ServiceLines.Point0, "P-002", Nine);

        Assert.Equal((1, (int?)3, (string?)null), (wait.Ahead, wait.ExpectedMinutes, wait.Unknown));
    }

    [Fact]
    public void A_closed_desk_no_longer_counts_as_serving_the_line()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.Point0);
        day.Issued(3, Nine);
        day.Do(s => Desks.OpeningAndClosing.DeskDecisions.Decide(new Desks.OpeningAndClosing.CloseDesk("1", "staff-1", Nine.AddMinutes(1)), s));

        Assert.Null(WaitEstimator.For(day.State, ServiceLines.Point0, "P-001", Nine.AddMinutes(1)).ExpectedMinutes);
    }

    [Fact]
    public void A_ticket_issued_while_no_open_desk_serves_its_line_records_no_wait_minutes()
    {
        var day = new Day();
        Assert.Null(day.Issued(3, Nine).ExpectedWaitMinutes); // what TicketIssued (and the citizen's history) tells

        day.OpenDesk("1", Nine, ServiceLines.Point0);
        Assert.Equal(3, day.Issued(3, Nine).ExpectedWaitMinutes);
    }
}
