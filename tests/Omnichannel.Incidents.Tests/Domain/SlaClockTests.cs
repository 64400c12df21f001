using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;
using Omnichannel.Incidents.Workflow.Answering;
using Omnichannel.Incidents.Workflow.ProvidingInformation;
using Omnichannel.Incidents.Workflow.RequestingInformation;
using Omnichannel.Incidents.Workflow.Resolving;
using static Omnichannel.Incidents.Tests.Domain.Examples;

namespace Omnichannel.Incidents.Tests.Domain;

/// <summary>The SLA clocks on the business calendar: when a first answer (6 working hours) and a technical incident's
/// resolution (24 hours round the clock) are due, across nights, a weekend, a holiday, both DST changes, and a pause while
/// waiting for the citizen.</summary>
public sealed class SlaClockTests
{
    private static DateTimeOffset FirstAnswerDue(DateTimeOffset reportedAt) => Given(Reported(reportedAt)).Sla.FirstAnswer!.DueAt!.Value;

    [Fact]
    public void A_first_answer_reported_in_the_morning_is_due_the_same_afternoon()
    {
        Assert.Equal(Madrid(2026, 11, 24, 15), FirstAnswerDue(Madrid(2026, 11, 24, 9)));
    }

    [Fact]
    public void Working_hours_left_over_at_closing_time_run_on_the_next_morning_not_overnight()
    {
        // Tuesday 16:00: two hours before closing, four more from Wednesday 9:00.
        Assert.Equal(Madrid(2026, 11, 25, 13), FirstAnswerDue(Madrid(2026, 11, 24, 16)));
    }

    [Fact]
    public void A_report_at_night_starts_counting_at_the_next_opening()
    {
        Assert.Equal(Madrid(2026, 11, 25, 15), FirstAnswerDue(Madrid(2026, 11, 24, 23, 30)));
    }

    [Fact]
    public void Friday_afternoon_runs_over_the_weekend_to_monday()
    {
        // Friday closes at 15:00: one hour on Friday, five from Monday 9:00.
        Assert.Equal(Madrid(2026, 11, 30, 14), FirstAnswerDue(Madrid(2026, 11, 27, 14)));
    }

    [Fact]
    public void A_holiday_does_not_count()
    {
        // Monday 7 December 15:00: three hours on Monday; Tuesday 8 is la Immaculada; three more on Wednesday.
        Assert.Equal(Madrid(2026, 12, 9, 12), FirstAnswerDue(Madrid(2026, 12, 7, 15)));
    }

    [Fact]
    public void Across_the_spring_dst_change_the_due_instant_is_monday_at_the_same_wall_clock_time()
    {
        // Friday 27 March 13:00 CET: two hours on Friday; the clocks go forward on Sunday 29; four more from Monday 9:00 CEST.
        var due = FirstAnswerDue(Madrid(2026, 3, 27, 13));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 13, 0, 0, TimeSpan.FromHours(2)), due);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 11, 0, 0, TimeSpan.Zero), due.ToUniversalTime());
    }

    [Fact]
    public void Across_the_autumn_dst_change_the_due_instant_is_monday_at_the_same_wall_clock_time()
    {
        var due = FirstAnswerDue(Madrid(2026, 10, 23, 13));
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 13, 0, 0, TimeSpan.FromHours(1)), due);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 12, 0, 0, TimeSpan.Zero), due.ToUniversalTime());
    }

    [Fact]
    public void A_technical_incident_is_due_24_real_hours_later_even_across_the_spring_dst_night()
    {
        var reportedAt = Madrid(2026, 3, 28, 10); // Saturday, 10:00 CET
        var incident = Given(Reported(reportedAt, Technical, IncidentKinds.TechnicalIncident));

        // 24 hours elapsed: Sunday 11:00 CEST on the wall clock, as the clocks went forward that night.
        Assert.Equal(reportedAt.AddHours(24), incident.Sla.Resolution!.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 11, 0, 0, TimeSpan.FromHours(2)), incident.Sla.Resolution.DueAt);
        // The first answer still waits for working hours: Monday 9:00 + 6 h.
        Assert.Equal(Madrid(2026, 3, 30, 15), incident.Sla.FirstAnswer!.DueAt);
    }

    [Fact]
    public void Waiting_for_the_citizen_stops_the_clock_and_their_answer_starts_it_with_the_time_that_was_left()
    {
        var reportedAt = Madrid(2026, 11, 23, 9); // Monday
        var asked = Madrid(2026, 11, 23, 11);      // two working hours spent
        var answered = Madrid(2026, 11, 25, 10);   // Wednesday

        var waiting = Given(Reported(reportedAt),
            RequestInformationDecision.Decide(new RequestInformation("Which procedure?", asked, "staff-ana"), Given(Reported(reportedAt)), OnSite)[0]);
        Assert.Null(waiting.Sla.FirstAnswer!.DueAt);
        Assert.Equal(TimeSpan.FromHours(2), waiting.Sla.FirstAnswer.Elapsed);
        Assert.Empty(BreachDecision.Decide(waiting, Madrid(2026, 11, 24, 17))); // long past the unpaused due time: nothing

        var resumed = Incident.Evolve(waiting,
            ProvideInformationDecision.Decide(new ProvideInformation("Census certificate.", "whatsapp", answered), waiting, OnSite)[0]);
        // Four working hours left from Wednesday 10:00.
        Assert.Equal(Madrid(2026, 11, 25, 14), resumed.Sla.FirstAnswer!.DueAt);
        Assert.Equal(IncidentStatus.InProgress, resumed.Status);
    }

    [Fact]
    public void A_pause_over_the_weekend_and_a_holiday_gives_back_exactly_the_working_time_that_was_left()
    {
        var reportedAt = Madrid(2026, 12, 4, 13); // Friday 13:00: one hour spent by 14:00
        var incident = Given(Reported(reportedAt));
        var waiting = Incident.Evolve(incident,
            RequestInformationDecision.Decide(new RequestInformation("A photo, please.", Madrid(2026, 12, 4, 14), "staff-ana"), incident, OnSite)[0]);
        // Answered on Saturday night: counting starts again on Monday 9:00, five hours left → 14:00 (Tuesday 8 is a holiday, not reached).
        var resumed = Incident.Evolve(waiting,
            ProvideInformationDecision.Decide(new ProvideInformation("Sent.", "whatsapp", Madrid(2026, 12, 5, 22)), waiting, OnSite)[0]);
        Assert.Equal(Madrid(2026, 12, 7, 14), resumed.Sla.FirstAnswer!.DueAt);
    }

    [Fact]
    public void The_breach_is_due_at_the_due_instant_and_not_a_tick_before()
    {
        var incident = Given(Reported(Madrid(2026, 11, 24, 16)));
        var due = Madrid(2026, 11, 25, 13);

        Assert.Empty(BreachDecision.Decide(incident, due.AddTicks(-1)));
        var breach = Assert.IsType<SlaBreached>(Assert.Single(BreachDecision.Decide(incident, due.AddMinutes(7))));
        Assert.Equal((SlaClock.FirstAnswer, due, due, due.AddMinutes(7)), (breach.Clock, breach.DueAt, breach.At, breach.NoticedAt));
    }

    [Fact]
    public void A_clock_is_breached_once_however_often_the_watcher_looks()
    {
        var incident = Given(Reported(Madrid(2026, 11, 24, 16)));
        var breached = Incident.Evolve(incident, BreachDecision.Decide(incident, Madrid(2026, 11, 25, 13))[0]);

        Assert.Empty(BreachDecision.Decide(breached, Madrid(2026, 11, 25, 13)));
        Assert.Empty(BreachDecision.Decide(breached, Madrid(2026, 12, 25, 13)));
        Assert.True(breached.Sla.Breached);
    }

    [Fact]
    public void Both_clocks_of_a_technical_incident_breach_each_once_in_the_order_they_ran_out()
    {
        var reportedAt = Madrid(2026, 11, 27, 14); // Friday
        var incident = Given(Reported(reportedAt, Technical, IncidentKinds.TechnicalIncident));

        var events = BreachDecision.Decide(incident, Madrid(2026, 11, 30, 16)).Cast<SlaBreached>().ToList();
        Assert.Equal([SlaClock.Resolution, SlaClock.FirstAnswer], events.Select(e => e.Clock));
        Assert.Equal([reportedAt.AddHours(24), Madrid(2026, 11, 30, 14)], events.Select(e => e.At));
    }

    [Fact]
    public void An_answered_or_resolved_incident_breaches_nothing()
    {
        var incident = Given(Reported(Madrid(2026, 11, 24, 9)));
        var answered = Incident.Evolve(incident, AnswerIncidentDecision.Decide(new AnswerIncident("Here.", Madrid(2026, 11, 24, 10), "staff-ana"), incident, OnSite)[0]);
        Assert.Empty(BreachDecision.Decide(answered, Madrid(2026, 12, 24, 9)));
        Assert.Equal(Madrid(2026, 11, 24, 10), answered.Sla.FirstAnswer!.MetAt);

        var technical = Given(Reported(Madrid(2026, 11, 24, 9), Technical, IncidentKinds.TechnicalIncident));
        var resolved = Incident.Evolve(technical, ResolveIncidentDecision.Decide(new ResolveIncident("Fixed.", Madrid(2026, 11, 24, 12), "staff-ana"), technical, OnSite)[0]);
        Assert.Empty(BreachDecision.Decide(resolved, Madrid(2026, 12, 24, 9)));
        Assert.Null(resolved.Sla.NextDueAt);
    }
}
