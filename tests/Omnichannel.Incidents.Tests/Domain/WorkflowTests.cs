using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Reporting;
using Omnichannel.Incidents.Sla;
using Omnichannel.Incidents.Workflow.Answering;
using Omnichannel.Incidents.Workflow.Assigning;
using Omnichannel.Incidents.Workflow.Closing;
using Omnichannel.Incidents.Workflow.Escalating;
using Omnichannel.Incidents.Workflow.ProvidingInformation;
using Omnichannel.Incidents.Workflow.Reopening;
using Omnichannel.Incidents.Workflow.RequestingInformation;
using Omnichannel.Incidents.Workflow.Resolving;
using Omnichannel.Incidents.Workflow.Triaging;
using static Omnichannel.Incidents.Tests.Domain.Examples;

namespace Omnichannel.Incidents.Tests.Domain;

/// <summary>The workflow as given events / when a command / then events or a refusal naming the reason.</summary>
public sealed class WorkflowTests
{
    private static readonly DateTimeOffset Monday9 = Madrid(2026, 11, 23, 9);
    private static readonly DateTimeOffset Monday10 = Madrid(2026, 11, 23, 10);
    private static readonly DateTimeOffset Monday11 = Madrid(2026, 11, 23, 11);
    private static readonly IncidentReported Reported = Examples.Reported(Monday9);

    private static Scenario<Incident> Given(params object[] events) => Scenario<Incident>.Given(Incident.Initial, Incident.Evolve, events);

    private static IncidentResolved Resolved(DateTimeOffset at) =>
        (IncidentResolved)ResolveIncidentDecision.Decide(new ResolveIncident("Done.", at, "staff-ana"), Examples.Given(Reported), OnSite)[0];

    private static IncidentAnswered Answered(Incident state, DateTimeOffset at) =>
        (IncidentAnswered)AnswerIncidentDecision.Decide(new AnswerIncident("See the e-office.", at, "staff-ana"), state, OnSite)[0];

    [Fact]
    public void A_report_opens_the_incident_with_its_first_answer_clock_on_the_channels_calendar()
    {
        var command = new ReportIncident(Ref, IncidentKinds.L1Question, "How do I register?", null, null, null, Monday9);
        Given().When(s => ReportIncidentDecision.Decide(command, s, procedureKnown: false, Question, "on-site", OnSite))
            .Then(new IncidentReported(Ref, IncidentKinds.L1Question, "How do I register?", null, null, null, "on-site",
                IncidentSla.Start(Question, Monday9, OnSite), Monday9));
    }

    [Fact]
    public void A_problem_with_a_procedure_the_catalogue_does_not_have_is_refused_naming_the_procedure_code()
    {
        var command = new ReportIncident(Ref, IncidentKinds.L2OnlineProcedure, "The form fails.", "no-such-procedure", null, null, Monday9);
        Given().When(s => ReportIncidentDecision.Decide(command, s, procedureKnown: false, Question, "on-site", OnSite)).ThenInvalid("procedureCode");
    }

    [Fact]
    public void Triage_sets_category_kind_and_priority_and_a_new_kind_brings_its_resolution_clock_from_the_report()
    {
        var command = new TriageIncident("e-office", IncidentKinds.TechnicalIncident, "high", Monday10, "staff-ana");
        var triaged = (IncidentTriaged)Assert.Single(Given(Reported).When(s => TriageIncidentDecision.Decide(command, s, Technical, OnSite)).Events);

        Assert.Equal(("e-office", IncidentKinds.TechnicalIncident, "high"), (triaged.Category, triaged.Kind, triaged.Priority));
        Assert.Equal(Monday9.AddHours(24), triaged.Sla.Resolution!.DueAt);
        Assert.Equal(Reported.Sla.FirstAnswer, triaged.Sla.FirstAnswer);
        Assert.Equal(IncidentStatus.InProgress, Incident.Evolve(Examples.Given(Reported), triaged).Status);
    }

    [Fact]
    public void Assigning_to_the_same_team_and_agent_again_is_a_conflict()
    {
        var assigned = new IncidentAssigned(Ref, "e-office", "joan", Monday10, "staff-ana");
        Given(Reported).When(s => AssignIncidentDecision.Decide(new AssignIncident("e-office", "jordi", Monday11, "staff-ana"), s))
            .Then(new IncidentAssigned(Ref, "e-office", "jordi", Monday11, "staff-ana"));
        var refused = Given(Reported, assigned).When(s => AssignIncidentDecision.Decide(new AssignIncident("e-office", "joan", Monday11, "staff-ana"), s))
            .ThenRejected(RejectionKind.Conflict);
        Assert.Contains("already assigned", refused.Message);
    }

    [Fact]
    public void Asking_twice_before_the_citizen_answers_is_a_conflict_and_answering_while_waiting_too()
    {
        var asked = new InformationRequested(Ref, "Which procedure?", Reported.Sla.Pause(Monday10, OnSite), Monday10, "staff-ana");
        Assert.Contains("already waiting", Given(Reported, asked)
            .When(s => RequestInformationDecision.Decide(new RequestInformation("Again?", Monday11, "staff-ana"), s, OnSite)).ThenRejected(RejectionKind.Conflict).Message);
        Assert.Contains("waiting for the citizen", Given(Reported, asked)
            .When(s => AnswerIncidentDecision.Decide(new AnswerIncident("Here.", Monday11, "staff-ana"), s, OnSite)).ThenRejected(RejectionKind.Conflict).Message);
        Assert.Contains("waiting for the citizen", Given(Reported, asked)
            .When(s => EscalateIncidentDecision.Decide(new EscalateIncident("back-office", null, Monday11, "staff-ana"), s)).ThenRejected(RejectionKind.Conflict).Message);
    }

    [Fact]
    public void Information_nobody_asked_for_is_a_conflict()
    {
        Assert.Contains("No information was asked", Given(Reported)
            .When(s => ProvideInformationDecision.Decide(new ProvideInformation("Here.", "email", Monday10), s, OnSite)).ThenRejected(RejectionKind.Conflict).Message);
    }

    [Fact]
    public void The_citizens_answer_puts_the_incident_back_where_it_was()
    {
        var answered = Answered(Examples.Given(Reported), Monday10);
        var asked = new InformationRequested(Ref, "Which browser?", answered.Sla.Pause(Monday11, OnSite), Monday11, "staff-ana");
        var provided = ProvideInformationDecision.Decide(new ProvideInformation("Firefox.", "chat", Monday11.AddHours(1)), Examples.Given(Reported, answered, asked), OnSite)[0];
        Assert.Equal(IncidentStatus.Answered, Examples.Given(Reported, answered, asked, provided).Status);
    }

    [Fact]
    public void The_first_answer_meets_the_first_answer_clock_and_a_later_one_leaves_it_as_it_was()
    {
        var first = Answered(Examples.Given(Reported), Monday10);
        var second = Answered(Examples.Given(Reported, first), Monday11);
        Assert.Equal(Monday10, second.Sla.FirstAnswer!.MetAt);
        Assert.Equal(TimeSpan.FromHours(1), second.Sla.FirstAnswer.Elapsed);
    }

    [Fact]
    public void Escalating_twice_is_a_conflict()
    {
        var escalated = new IncidentEscalated(Ref, "back-office", "Needs the census team.", Monday10, "staff-ana");
        Assert.Contains("already with the back office", Given(Reported, escalated)
            .When(s => EscalateIncidentDecision.Decide(new EscalateIncident("back-office", null, Monday11, "staff-ana"), s)).ThenRejected(RejectionKind.Conflict).Message);
    }

    [Fact]
    public void A_resolved_incident_is_not_answered_escalated_assigned_or_resolved_again()
    {
        var resolved = Resolved(Monday10);
        Given(Reported, resolved).When(s => AnswerIncidentDecision.Decide(new AnswerIncident("x", Monday11, "a"), s, OnSite)).ThenRejected(RejectionKind.Conflict);
        Given(Reported, resolved).When(s => EscalateIncidentDecision.Decide(new EscalateIncident("back-office", null, Monday11, "a"), s)).ThenRejected(RejectionKind.Conflict);
        Given(Reported, resolved).When(s => AssignIncidentDecision.Decide(new AssignIncident("t", null, Monday11, "a"), s)).ThenRejected(RejectionKind.Conflict);
        var again = Given(Reported, resolved).When(s => ResolveIncidentDecision.Decide(new ResolveIncident("x", Monday11, "a"), s, OnSite)).ThenRejected(RejectionKind.Conflict);
        Assert.Contains("resolved", again.Message);
    }

    [Fact]
    public void A_closed_incident_refuses_an_answer_saying_it_is_closed()
    {
        var closed = new IncidentClosed(Ref, Monday11, "staff-ana");
        var refused = Given(Reported, Resolved(Monday10), closed)
            .When(s => AnswerIncidentDecision.Decide(new AnswerIncident("x", Monday11.AddHours(1), "a"), s, OnSite)).ThenRejected(RejectionKind.Conflict);
        Assert.Equal("The incident is closed: it cannot be answered.", refused.Message);
    }

    [Fact]
    public void Reopening_within_the_period_counts_the_resolution_clock_again_and_after_it_is_a_conflict()
    {
        var technical = Examples.Reported(Monday9, Technical, IncidentKinds.TechnicalIncident);
        var resolved = (IncidentResolved)ResolveIncidentDecision.Decide(new ResolveIncident("Fixed.", Monday11, "staff-ana"), Examples.Given(technical), OnSite)[0];
        var period = TimeSpan.FromDays(15);

        var reopened = (IncidentReopened)Assert.Single(Given(technical, resolved)
            .When(s => ReopenIncidentDecision.Decide(new ReopenIncident("Still failing.", "phone", Monday11.AddDays(15), period), s, OnSite)).Events);
        // Two hours were spent before the resolution: 22 are left from the reopening.
        Assert.Equal(Monday11.AddDays(15).AddHours(22), reopened.Sla.Resolution!.DueAt);
        Assert.Equal(IncidentStatus.InProgress, Examples.Given(technical, resolved, reopened).Status);

        var late = Given(technical, resolved)
            .When(s => ReopenIncidentDecision.Decide(new ReopenIncident("Still failing.", "phone", Monday11.AddDays(15).AddTicks(1), period), s, OnSite))
            .ThenRejected(RejectionKind.Conflict);
        Assert.Contains("reopening period has passed", late.Message);
        Assert.Contains("15 days", late.Message);
    }

    [Fact]
    public void Only_a_resolved_incident_is_reopened_or_closed()
    {
        Assert.Contains("not resolved", Given(Reported)
            .When(s => ReopenIncidentDecision.Decide(new ReopenIncident("?", "phone", Monday10, TimeSpan.FromDays(15)), s, OnSite)).ThenRejected(RejectionKind.Conflict).Message);
        Assert.Contains("resolve it first", Given(Reported)
            .When(s => CloseIncidentDecision.Decide(new CloseIncident(Monday10, "a"), s)).ThenRejected(RejectionKind.Conflict).Message);
        Given(Reported, Resolved(Monday10)).When(s => CloseIncidentDecision.Decide(new CloseIncident(Monday11, "a"), s))
            .Then(new IncidentClosed(Ref, Monday11, "a"));
        Assert.Contains("closed", Given(Reported, Resolved(Monday10), new IncidentClosed(Ref, Monday11, "a"))
            .When(s => ReopenIncidentDecision.Decide(new ReopenIncident("?", "phone", Monday11, TimeSpan.FromDays(15)), s, OnSite)).ThenRejected(RejectionKind.Conflict).Message);
    }

    [Fact]
    public void A_step_on_an_incident_that_does_not_exist_is_not_found()
    {
        Given().When(s => AnswerIncidentDecision.Decide(new AnswerIncident("x", Monday10, "a"), s, OnSite)).ThenRejected(RejectionKind.NotFound);
    }

    [Fact]
    public void Resolving_while_waiting_for_a_citizen_who_never_answered_is_allowed_and_meets_both_clocks()
    {
        var technical = Examples.Reported(Monday9, Technical, IncidentKinds.TechnicalIncident);
        var asked = new InformationRequested(Ref, "Still happening?", technical.Sla.Pause(Monday10, OnSite), Monday10, "staff-ana");
        var resolved = (IncidentResolved)Assert.Single(Given(technical, asked)
            .When(s => ResolveIncidentDecision.Decide(new ResolveIncident("Closed for lack of answer.", Monday11.AddDays(3), "staff-ana"), s, OnSite)).Events);
        Assert.NotNull(resolved.Sla.FirstAnswer!.MetAt);
        Assert.NotNull(resolved.Sla.Resolution!.MetAt);
        Assert.Equal(TimeSpan.FromHours(1), resolved.Sla.Resolution.Elapsed); // the wait did not count
    }
}
