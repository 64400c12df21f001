using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Queues.Desks.CallingNext;
using Omnichannel.Queues.Desks.OpeningAndClosing;
using Omnichannel.Queues.Desks.Serving;
using Omnichannel.Queues.Lines;
using Omnichannel.Queues.Desks.Transferring;
using static Omnichannel.Queues.Tests.Domain.Day;

namespace Omnichannel.Queues.Tests.Domain;

public class CallingNextTests
{
    [Fact]
    public void Walk_ins_are_called_oldest_first_across_point_0_and_the_general_line()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.Point0, ServiceLines.General);
        day.Issued(10, Nine);                 // G-001
        day.Issued(3, Nine.AddMinutes(1));    // P-001
        day.Issued(10, Nine.AddMinutes(2));   // G-002

        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            order.Add(day.CallNext("1", Nine.AddMinutes(10 + i)).Number);
            day.Start("1", Nine.AddMinutes(10 + i));
            day.Complete("1", Nine.AddMinutes(10 + i));
        }

        Assert.Equal(["G-001", "P-001", "G-002"], order);
    }

    [Fact]
    public void An_appointment_is_called_at_its_time_before_older_walk_ins()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.Point0, ServiceLines.Appointment);
        day.Issued(3, Nine);                                   // P-001
        day.Appointment(Nine.AddMinutes(30), Nine.AddMinutes(5)); // C-001 at 9:30, checked in at 9:05
        day.Issued(3, Nine.AddMinutes(6));                     // P-002

        Assert.Equal("P-001", day.CallNext("1", Nine.AddMinutes(10)).Number); // 9:10: the appointment is not due
        day.Start("1", Nine.AddMinutes(10));
        day.Complete("1", Nine.AddMinutes(30));

        Assert.Equal("C-001", day.CallNext("1", Nine.AddMinutes(30)).Number); // 9:30: before P-002, though P-002 came first
    }

    [Fact]
    public void An_appointment_that_is_not_due_waits_even_at_an_idle_desk()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.Appointment);
        day.Appointment(Nine.AddMinutes(30), Nine);

        var rejection = day.Rejected(s => CallNextDecision.Decide(new CallNext("1", Nine.AddMinutes(10)), s, day.Rules));

        Assert.Equal(RejectionKind.Conflict, rejection.Kind);
    }

    [Fact]
    public void The_priority_line_goes_before_older_walk_ins()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.Point0, ServiceLines.Priority);
        day.Issued(3, Nine);
        day.Issued(3, Nine.AddMinutes(5), priority: true);

        Assert.Equal("A-001", day.CallNext("1", Nine.AddMinutes(6)).Number);
    }

    [Fact]
    public void A_desk_only_calls_from_the_lines_it_serves()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.General);
        day.Issued(3, Nine);

        Assert.Equal(RejectionKind.Conflict, day.Rejected(s => CallNextDecision.Decide(new CallNext("1", Nine), s, day.Rules)).Kind);
    }

    [Fact]
    public void Two_desks_deciding_on_the_same_state_pick_the_same_ticket_so_only_one_append_may_win()
    {
        // Why the decision is appended at the version it was read at: on the same state both desks choose P-001.
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.Point0);
        day.OpenDesk("2", Nine, ServiceLines.Point0);
        day.Issued(3, Nine);
        day.Issued(3, Nine);

        var first = CallNextDecision.Decide(new CallNext("1", Nine), day.State, day.Rules).OfType<TicketCalled>().Single();
        var second = CallNextDecision.Decide(new CallNext("2", Nine), day.State, day.Rules).OfType<TicketCalled>().Single();
        Assert.Equal(first.Number, second.Number);

        // The loser decides again on the state with the winner's call in it, and gets the next ticket.
        day.Do(_ => [first]);
        Assert.Equal("P-002", day.CallNext("2", Nine).Number);
    }

    [Fact]
    public void A_closed_desk_cannot_call_next()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.Point0);
        day.Do(s => DeskDecisions.Decide(new CloseDesk("1", "staff-1", Nine), s));
        day.Issued(3, Nine);

        Assert.Equal(RejectionKind.Conflict, day.Rejected(s => CallNextDecision.Decide(new CallNext("1", Nine), s, day.Rules)).Kind);
    }

    [Fact]
    public void A_desk_that_was_never_opened_is_not_found()
    {
        var day = new Day();
        day.Issued(3, Nine);

        Assert.Equal(RejectionKind.NotFound, day.Rejected(s => CallNextDecision.Decide(new CallNext("9", Nine), s, day.Rules)).Kind);
    }

    [Fact]
    public void A_desk_must_finish_its_ticket_before_calling_the_next()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.Point0);
        day.Issued(3, Nine);
        day.Issued(3, Nine);
        day.CallNext("1", Nine);

        Assert.Equal(RejectionKind.Conflict, day.Rejected(s => CallNextDecision.Decide(new CallNext("1", Nine), s, day.Rules)).Kind);
    }

    [Fact]
    public void Completing_a_ticket_not_in_service_is_refused_and_a_ticket_is_never_served_twice()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.Point0);
        day.Issued(3, Nine);
        day.CallNext("1", Nine.AddMinutes(2));

        Assert.Equal(RejectionKind.Conflict, day.Rejected(s => ServingDecisions.Decide(new CompleteService("1", Nine), s)).Kind);
        day.Start("1", Nine.AddMinutes(3));
        var served = day.Complete("1", Nine.AddMinutes(7));
        Assert.Equal((2.0, 4.0), (served.WaitMinutes, served.ServiceMinutes));
        Assert.Equal(RejectionKind.Conflict, day.Rejected(s => ServingDecisions.Decide(new CompleteService("1", Nine.AddMinutes(8)), s)).Kind);
    }

    [Fact]
    public void A_ticket_transferred_to_a_desk_is_called_by_that_desk_first_and_by_no_other()
    {
        var day = Day.WithP001ReservedForDesk3();

        Assert.Equal("G-001", day.CallNext("2", Nine.AddMinutes(4)).Number);
        day.Start("2", Nine.AddMinutes(4));
        day.Complete("2", Nine.AddMinutes(5));
        Assert.Equal(RejectionKind.Conflict, day.Rejected(s => CallNextDecision.Decide(new CallNext("2", Nine.AddMinutes(5)), s, day.Rules)).Kind); // P-001 waits for desk 3
        var called = day.CallNext("3", Nine.AddMinutes(5));
        Assert.Equal(("P-001", ServiceLines.General), (called.Number, called.Line));
    }

    [Fact]
    public void A_virtual_ticket_holder_is_told_when_they_become_next()
    {
        var day = new Day();
        var citizen = Guid.NewGuid();
        day.OpenDesk("1", Nine, ServiceLines.Point0);
        day.Issued(3, Nine);
        day.Issue(3, Nine.AddMinutes(1), citizen: citizen, channel: Channels.Telegram);
        Assert.DoesNotContain(day.History, e => e is TicketHolderIsNext);

        var events = day.Do(s => CallNextDecision.Decide(new CallNext("1", Nine.AddMinutes(2)), s, day.Rules));

        var notice = Assert.IsType<TicketHolderIsNext>(events[1]);
        Assert.Equal(("P-002", citizen, Channels.Telegram), (notice.Number, notice.CitizenId, notice.Channel));
        day.Recall("1", Nine.AddMinutes(3));
        Assert.Single(day.History, e => e is TicketHolderIsNext); // told once
    }
}
