using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Queues.Lines;
using static Omnichannel.Queues.Tests.Domain.Day;

namespace Omnichannel.Queues.Tests.Domain;

public class LineRoutingTests
{
    [Theory]
    [InlineData(1, ServiceLines.Point0, "P-001")]
    [InlineData(5, ServiceLines.Point0, "P-001")]
    [InlineData(6, ServiceLines.General, "G-001")]
    [InlineData(15, ServiceLines.General, "G-001")]
    public void A_walk_in_goes_to_the_line_its_procedures_attention_minutes_allow(int minutes, string line, string number)
    {
        var day = new Day();

        var issued = day.Issued(minutes, Nine);

        Assert.Equal(line, issued.Line);
        Assert.Equal(number, issued.Number);
    }

    [Fact]
    public void A_procedure_longer_than_the_general_lines_maximum_gets_no_walk_in_ticket()
    {
        var day = new Day();

        var refused = Assert.IsType<WalkInRefused>(Assert.Single(day.Issue(20, Nine, "civil-marriage")));

        Assert.Equal("needs-appointment", refused.Reason);
        Assert.Empty(day.State.Tickets);
    }

    [Fact]
    public void Numbers_run_per_line_through_the_day()
    {
        var day = new Day();

        var numbers = new[] { day.Issued(3, Nine), day.Issued(10, Nine), day.Issued(4, Nine.AddMinutes(1)), day.Issued(3, Nine.AddMinutes(2)) }.Select(t => t.Number);

        Assert.Equal(["P-001", "G-001", "P-002", "P-003"], numbers);
    }

    [Fact]
    public void A_citizen_with_priority_goes_to_the_priority_line_whatever_the_procedure()
    {
        var day = new Day();

        var issued = day.Issued(40, Nine, priority: true);

        Assert.Equal((ServiceLines.Priority, "A-001"), (issued.Line, issued.Number));
    }

    [Fact]
    public void An_office_without_a_priority_line_refuses_a_priority_ticket_naming_the_field()
    {
        var day = new Day { OfficeState = DemoOffice("cc-cerdanyola") }; // a civic centre: general and appointment lines

        var rejection = day.Rejected(s => Tickets.Issuing.IssueTicketDecision.Decide(
            new Tickets.Issuing.IssueTicket(Guid.NewGuid(), "cc-cerdanyola", Date, "bus-card", 5, null, "on-site", true, Nine), s, day.OfficeState, day.Calendar));

        Assert.Equal((RejectionKind.Invalid, "priority"), (rejection.Kind, rejection.Field));
    }

    [Fact]
    public void An_office_without_point_0_serves_short_procedures_on_its_general_line()
    {
        var day = new Day { OfficeState = DemoOffice("cc-cerdanyola") }; // no Point 0

        Assert.Equal("G-001", day.Issued(3, Nine).Number);
    }
}
