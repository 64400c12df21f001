using Omnichannel.Queues.Desks.OpeningAndClosing;
using Omnichannel.Queues.Desks.Transferring;
using Omnichannel.Queues.Lines;
using static Omnichannel.Queues.Tests.Domain.Day;

namespace Omnichannel.Queues.Tests.Domain;

/// <summary>A ticket reserved for a desk (transferred to it) never waits for a desk that closed.</summary>
public class DeskClosingTests
{
    [Fact]
    public void Closing_a_desk_sends_the_tickets_reserved_for_it_back_to_their_line()
    {
        var day = Day.WithP001ReservedForDesk3();

        var events = day.Do(s => DeskDecisions.Decide(new CloseDesk("3", "staff-3", Nine.AddMinutes(4)), s));

        var returned = Assert.IsType<TicketReturnedToLine>(events[0]);
        Assert.Equal(("P-001", ServiceLines.General, "3"), (returned.Number, returned.Line, returned.FromDeskId));
        Assert.IsType<DeskClosed>(events[1]);
        Assert.Null(day.State.Tickets["P-001"].ReservedForDesk);
        Assert.Equal(0, day.State.Reservations);
    }

    [Fact]
    public void A_returned_ticket_is_called_by_another_desk_of_its_line_in_its_place()
    {
        var day = Day.WithP001ReservedForDesk3();
        day.Do(s => DeskDecisions.Decide(new CloseDesk("3", "staff-3", Nine.AddMinutes(4)), s));

        // P-001 was issued before G-001: it keeps its place.
        Assert.Equal("P-001", day.CallNext("2", Nine.AddMinutes(5)).Number);
    }

    [Fact]
    public void Closing_a_desk_with_nothing_reserved_only_closes_it()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.Point0);

        Assert.IsType<DeskClosed>(Assert.Single(day.Do(s => DeskDecisions.Decide(new CloseDesk("1", "staff-1", Nine), s))));
    }
}
