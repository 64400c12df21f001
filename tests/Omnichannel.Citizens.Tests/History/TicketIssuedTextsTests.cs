using Omnichannel.Citizens.History;
using Omnichannel.Contracts;

namespace Omnichannel.Citizens.Tests.History;

public class TicketIssuedTextsTests
{
    private static readonly LocalizedText Census = new("Certificat d'empadronament", "Certificado de empadronamiento", "Census certificate");

    [Fact]
    public void A_ticket_taken_while_no_desk_serves_its_line_says_so_instead_of_zero_minutes()
    {
        var text = QueueTexts.Issued(Census, "G-001", "general", expectedWaitMinutes: null);

        Assert.All([text.Ca, text.Es, text.En], t => Assert.DoesNotContain("min", t));
        Assert.Contains("no desk serving it is open yet", text.En);
        Assert.Contains("cap lloc obert", text.Ca);
        Assert.Contains("ningún puesto abierto", text.Es);
    }

    [Fact]
    public void A_ticket_with_an_estimate_gives_its_minutes()
    {
        Assert.Equal("You took ticket G-002 for “Census certificate” (expected wait: 12 min).", QueueTexts.Issued(Census, "G-002", "general", 12).En);
    }
}
