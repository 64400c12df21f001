using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Queues.Desks.Recalling;
using Omnichannel.Queues.Lines;
using Omnichannel.Queues.Tickets.Issuing;
using static Omnichannel.Queues.Tests.Domain.Day;

namespace Omnichannel.Queues.Tests.Domain;

public class RecallTests
{
    [Fact]
    public void A_recall_calls_the_same_ticket_again_and_past_the_maximum_calls_it_is_a_no_show()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.Point0);
        day.Issued(3, Nine);
        day.Issued(3, Nine);
        day.CallNext("1", Nine);

        var second = Assert.IsType<TicketCalled>(day.Recall("1", Nine.AddMinutes(1)));
        var third = Assert.IsType<TicketCalled>(day.Recall("1", Nine.AddMinutes(2)));
        var missed = Assert.IsType<TicketMissed>(day.Recall("1", Nine.AddMinutes(3)));

        Assert.Equal((2, 3), (second.Call, third.Call));
        Assert.Equal(("P-001", 3), (missed.Number, missed.Calls));
        Assert.Equal(TicketStatus.Missed, day.State.Tickets["P-001"].Status);
        Assert.Equal("P-002", day.CallNext("1", Nine.AddMinutes(4)).Number); // the desk is free again
    }

    [Fact]
    public void A_no_show_can_be_marked_at_once_but_not_once_the_citizen_is_at_the_desk()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.Point0);
        day.Issued(3, Nine);
        day.CallNext("1", Nine);
        day.Start("1", Nine);

        Assert.Equal(RejectionKind.Conflict, day.Rejected(s => RecallDecisions.Decide(new MarkNoShow("1", Nine), s)).Kind);
        Assert.Equal(RejectionKind.Conflict, day.Rejected(s => RecallDecisions.Decide(new Recall("1", Nine), s, day.Rules)).Kind);
    }

    [Fact]
    public void An_appointment_checked_in_twice_holds_one_place()
    {
        var day = new Day();
        var appointment = Guid.NewGuid();
        day.Appointment(Nine.AddMinutes(30), Nine, appointment);

        var again = IssueTicketDecision.Decide(new PlaceAppointment(Guid.NewGuid(), Office, Date, "census-address-change", 10, null, null,
            appointment, Nine.AddMinutes(30), Nine.AddMinutes(1)), day.State, day.OfficeState);

        Assert.Empty(again);
    }
}
