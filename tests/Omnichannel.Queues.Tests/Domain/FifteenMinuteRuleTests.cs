using Omnichannel.Queues.Lines;
using static Omnichannel.Queues.Tests.Domain.Day;

namespace Omnichannel.Queues.Tests.Domain;

/// <summary>Procedures up to 15 minutes are served without appointment only "depending on the daily operation".</summary>
public class FifteenMinuteRuleTests
{
    [Fact]
    public void A_general_line_ticket_is_refused_when_the_predicted_wait_exceeds_the_offices_threshold()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.General);
        for (var i = 0; i < 3; i++) day.Issued(15, Nine); // 45 minutes of work ahead, one desk: over the 30-minute threshold

        var refused = Assert.IsType<WalkInRefused>(Assert.Single(day.Issue(15, Nine.AddMinutes(1))));

        Assert.Equal("wait-too-long", refused.Reason);
        Assert.Equal(45, refused.PredictedWaitMinutes);
        Assert.Equal(3, day.State.WaitingIn(ServiceLines.General).Count());
        Assert.Equal(1, day.State.Refused);
    }

    [Fact]
    public void The_same_queue_accepts_the_walk_in_when_enough_desks_are_open()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.General);
        day.OpenDesk("2", Nine, ServiceLines.General);
        for (var i = 0; i < 3; i++) day.Issued(15, Nine); // 45 minutes shared by two desks: 23, under 30

        Assert.Equal("G-004", day.Issued(15, Nine.AddMinutes(1)).Number);
    }

    [Fact]
    public void Point_0_is_never_refused_for_its_wait()
    {
        var day = new Day();
        for (var i = 0; i < 20; i++) day.Issued(5, Nine);

        Assert.Equal("P-021", day.Issued(5, Nine.AddMinutes(1)).Number);
    }

    [Fact]
    public void The_estimate_learns_from_todays_service_times_of_the_procedure()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.General);
        day.Issued(10, Nine, "census-address-change");
        day.CallNext("1", Nine.AddMinutes(1));
        day.Start("1", Nine.AddMinutes(1));
        day.Complete("1", Nine.AddMinutes(26)); // took 25 minutes, not the catalogue's 10
        day.Issued(10, Nine.AddMinutes(27), "census-address-change");
        day.Issued(10, Nine.AddMinutes(27), "census-address-change");

        var estimate = WaitEstimates.WaitEstimator.For(day.State, ServiceLines.General, "G-003", Nine.AddMinutes(28));

        Assert.Equal(1, estimate.Ahead);
        Assert.Equal(25, estimate.ExpectedMinutes);
        Assert.True(estimate.OptimisticMinutes <= estimate.ExpectedMinutes);
        // And so the next walk-in is over the threshold: 2 × 25 minutes ahead on one desk.
        Assert.IsType<WalkInRefused>(Assert.Single(day.Issue(10, Nine.AddMinutes(29), "census-address-change")));
    }
}
