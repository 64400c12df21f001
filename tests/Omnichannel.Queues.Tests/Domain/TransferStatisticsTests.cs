using Omnichannel.Queues.Desks.Transferring;
using Omnichannel.Queues.Lines;
using Omnichannel.Queues.Statistics;
using static Omnichannel.Queues.Tests.Domain.Day;

namespace Omnichannel.Queues.Tests.Domain;

/// <summary>The statistics count a ticket on the line it was issued on, and count its transfers.</summary>
public class TransferStatisticsTests
{
    [Fact]
    public void A_ticket_transferred_to_another_line_is_counted_on_its_original_line_with_its_transfer()
    {
        var day = new Day();
        day.OpenDesk("1", Nine, ServiceLines.Point0);
        day.OpenDesk("2", Nine, ServiceLines.General);
        day.Issued(3, Nine); // P-001
        day.CallNext("1", Nine.AddMinutes(1));
        day.Do(s => TransferDecision.Decide(new TransferTicket("1", ServiceLines.General, null, Nine.AddMinutes(2)), s, day.OfficeState));
        day.CallNext("2", Nine.AddMinutes(3));
        day.Start("2", Nine.AddMinutes(3));
        Assert.Equal(ServiceLines.General, day.Complete("2", Nine.AddMinutes(13)).Line); // served on the general line

        var statistics = StatisticsApi.Of(Office, Date, day.History);

        Assert.Equal([ServiceLines.Point0], statistics.ByLine.Keys);
        Assert.Equal(1, statistics.ByLine[ServiceLines.Point0].Served);
        Assert.Equal(1, statistics.Transferred);
        Assert.Equal(1, statistics.TransfersByLine[ServiceLines.Point0]);
    }
}
