using Omnichannel.Citizens.History;
using Omnichannel.Contracts;
using Xunit;

namespace Omnichannel.Citizens.Tests.History;

public class CaseTextsTests
{
    private static readonly LocalizedText Census = new("Alta al Padró", "Alta en el Padrón", "Census registration");

    [Fact]
    public void A_submitted_case_is_told_in_each_language_with_its_name_and_tracking_code()
    {
        Assert.Equal(
            new LocalizedText(
                "Has presentat «Alta al Padró» (codi de seguiment K0QM4-1TZPC).",
                "Has presentado «Alta en el Padrón» (código de seguimiento K0QM4-1TZPC).",
                "You submitted “Census registration” (tracking code K0QM4-1TZPC)."),
            CaseTexts.Submitted(Census, "K0QM4-1TZPC"));
    }

    [Theory]
    [InlineData("InReview", "«Alta al Padró» està en revisió", "«Alta en el Padrón» está en revisión", "“Census registration” is under review")]
    [InlineData("AwaitingCitizen", "«Alta al Padró» espera que hi aportis alguna cosa", "«Alta en el Padrón» espera que aportes algo", "“Census registration” is waiting for something from you")]
    [InlineData("Resolved", "«Alta al Padró» s'ha resolt", "«Alta en el Padrón» se ha resuelto", "“Census registration” has been resolved")]
    [InlineData("Rejected", "«Alta al Padró» s'ha desestimat", "«Alta en el Padrón» se ha desestimado", "“Census registration” has been rejected")]
    public void Each_status_change_is_told_in_Catalan_Spanish_and_English(string status, string ca, string es, string en)
    {
        Assert.Equal(new LocalizedText(ca, es, en), CaseTexts.StatusChanged(Census, status, note: null));
    }

    [Fact]
    public void The_note_from_staff_is_added_in_every_language()
    {
        var text = CaseTexts.StatusChanged(Census, "AwaitingCitizen", "Bring the rental contract");

        Assert.All(new[] { text.Ca, text.Es, text.En }, t => Assert.EndsWith(" — Bring the rental contract", t));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_note_adds_nothing(string note)
    {
        Assert.Equal(CaseTexts.StatusChanged(Census, "Resolved", null), CaseTexts.StatusChanged(Census, "Resolved", note));
    }

    [Fact]
    public void A_status_without_its_own_wording_is_still_told_naming_it()
    {
        Assert.Equal(
            new LocalizedText("«Alta al Padró» ha canviat a Archived", "«Alta en el Padrón» ha cambiado a Archived", "“Census registration” changed to Archived"),
            CaseTexts.StatusChanged(Census, "Archived", null));
    }
}
