using Omnichannel.Citizens.History;
using Omnichannel.Contracts;
using Xunit;

namespace Omnichannel.Citizens.Tests.History;

public class ConsentHistoryTextsTests
{
    [Fact]
    public void A_consent_reads_in_the_history_with_its_purpose_the_texts_version_and_the_language_it_was_shown_in()
    {
        var given = ConsentHistoryTexts.Given(ConsentTexts.AppointmentsAndReminders, "2026-11-30", "es");
        Assert.Equal("Consentiment donat per gestionar les cites i enviar-ne avisos (text del 2026-11-30, en castellà).", given.Ca);
        Assert.Equal("Consent given for managing appointments and sending reminders about them (text of 2026-11-30, in Spanish).", given.En);
        Assert.Equal("Consentimiento retirado para gestionar las citas y enviar avisos de ellas.", ConsentHistoryTexts.Withdrawn(ConsentTexts.AppointmentsAndReminders).Es);
    }
}
