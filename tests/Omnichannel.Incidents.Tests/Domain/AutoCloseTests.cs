using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Workflow.Closing;
using static Omnichannel.Incidents.Tests.Domain.Examples;

namespace Omnichannel.Incidents.Tests.Domain;

/// <summary>Closing a resolved incident once its reopening period is over, at the instant it ended.</summary>
public sealed class AutoCloseTests
{
    private static readonly DateTimeOffset Monday9 = Madrid(2026, 11, 23, 9);
    private static readonly DateTimeOffset Monday10 = Madrid(2026, 11, 23, 10);
    private static readonly TimeSpan Period = TimeSpan.FromDays(15);
    private static readonly IncidentReported Reported = Examples.Reported(Monday9);
    private static readonly IncidentResolved Resolved = new(Ref, "Done.", Reported.Sla, Monday10, "staff-ana");

    private static Scenario<Incident> Given(params object[] events) => Scenario<Incident>.Given(Incident.Initial, Incident.Evolve, events);

    [Fact]
    public void A_resolved_incident_stays_open_to_reopening_up_to_the_last_instant_of_its_period()
    {
        Given(Reported, Resolved).When(s => AutoCloseDecision.Decide(s, Monday10 + Period, Period)).ThenNothingHappens();
    }

    [Fact]
    public void After_its_period_it_is_closed_at_the_instant_the_period_ended()
    {
        Given(Reported, Resolved).When(s => AutoCloseDecision.Decide(s, Monday10 + Period + TimeSpan.FromDays(3), Period))
            .Then(new IncidentClosed(Ref, Monday10 + Period, AutoCloseDecision.By));
    }

    [Fact]
    public void A_reopened_an_already_closed_or_an_unresolved_incident_is_left_as_it_is()
    {
        var late = Monday10 + Period + TimeSpan.FromDays(1);
        var reopened = new IncidentReopened(Ref, "Still broken.", "email", Reported.Sla, Monday10.AddDays(2));
        Given(Reported, Resolved, reopened).When(s => AutoCloseDecision.Decide(s, late, Period)).ThenNothingHappens();
        Given(Reported, Resolved, new IncidentClosed(Ref, Monday10.AddDays(1), "staff-ana")).When(s => AutoCloseDecision.Decide(s, late, Period)).ThenNothingHappens();
        Given(Reported).When(s => AutoCloseDecision.Decide(s, late, Period)).ThenNothingHappens();
        Given().When(s => AutoCloseDecision.Decide(s, late, Period)).ThenNothingHappens();
    }

    [Fact]
    public void A_second_resolution_after_a_reopening_starts_a_new_period()
    {
        var reopened = new IncidentReopened(Ref, "Still broken.", "email", Reported.Sla, Monday10.AddDays(2));
        var resolvedAgain = new IncidentResolved(Ref, "Really done.", Reported.Sla, Monday10.AddDays(3), "staff-ana");
        Given(Reported, Resolved, reopened, resolvedAgain).When(s => AutoCloseDecision.Decide(s, Monday10 + Period + TimeSpan.FromDays(1), Period)).ThenNothingHappens();
        Given(Reported, Resolved, reopened, resolvedAgain).When(s => AutoCloseDecision.Decide(s, Monday10.AddDays(3) + Period + TimeSpan.FromSeconds(1), Period))
            .Then(new IncidentClosed(Ref, Monday10.AddDays(3) + Period, AutoCloseDecision.By));
    }
}
