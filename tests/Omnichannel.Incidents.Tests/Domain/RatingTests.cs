using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Workflow.Rating;
using Omnichannel.Incidents.Workflow.Reopening;
using static Omnichannel.Incidents.Tests.Domain.Examples;

namespace Omnichannel.Incidents.Tests.Domain;

/// <summary>Satisfaction: once resolved, rated once, on any channel.</summary>
public sealed class RatingTests
{
    private static readonly DateTimeOffset Monday9 = Madrid(2026, 11, 23, 9);
    private static readonly DateTimeOffset Monday10 = Madrid(2026, 11, 23, 10);
    private static readonly DateTimeOffset Monday11 = Madrid(2026, 11, 23, 11);
    private static readonly IncidentReported Reported = Examples.Reported(Monday9);
    private static readonly IncidentResolved Resolved = new(Ref, "Done.", Reported.Sla, Monday10, "staff-ana");

    private static Scenario<Incident> Given(params object[] events) => Scenario<Incident>.Given(Incident.Initial, Incident.Evolve, events);

    [Fact]
    public void A_resolved_incident_is_rated_with_the_score_the_comment_and_the_channel()
    {
        Given(Reported, Resolved).When(s => RateIncidentDecision.Decide(new RateIncident(4, "Quick.", "whatsapp", Monday11), s))
            .Then(new IncidentRated(Ref, 4, "Quick.", "whatsapp", Monday11));
    }

    [Fact]
    public void A_closed_incident_can_still_be_rated()
    {
        Given(Reported, Resolved, new IncidentClosed(Ref, Monday11, "a"))
            .When(s => RateIncidentDecision.Decide(new RateIncident(5, null, "phone", Monday11), s))
            .Then(new IncidentRated(Ref, 5, null, "phone", Monday11));
    }

    [Fact]
    public void Rating_before_the_resolution_is_a_conflict_saying_so()
    {
        var refused = Given(Reported).When(s => RateIncidentDecision.Decide(new RateIncident(3, null, "email", Monday10), s))
            .ThenRejected(RejectionKind.Conflict);
        Assert.Contains("not resolved yet", refused.Message);
    }

    [Fact]
    public void A_second_rating_is_a_conflict_even_after_a_reopening_and_a_new_resolution()
    {
        var rated = new IncidentRated(Ref, 2, null, "email", Monday11);
        Assert.Contains("already been rated", Given(Reported, Resolved, rated)
            .When(s => RateIncidentDecision.Decide(new RateIncident(5, null, "email", Monday11), s)).ThenRejected(RejectionKind.Conflict).Message);

        var reopened = new IncidentReopened(Ref, "Again.", "phone", Reported.Sla, Monday11);
        var resolvedAgain = Resolved with { At = Monday11.AddHours(1) };
        Assert.Contains("already been rated", Given(Reported, Resolved, rated, reopened, resolvedAgain)
            .When(s => RateIncidentDecision.Decide(new RateIncident(5, null, "email", Monday11.AddHours(2)), s)).ThenRejected(RejectionKind.Conflict).Message);
    }

    [Fact]
    public void Rating_an_incident_that_does_not_exist_is_not_found()
    {
        Given().When(s => RateIncidentDecision.Decide(new RateIncident(5, null, "email", Monday10), s)).ThenRejected(RejectionKind.NotFound);
    }
}
