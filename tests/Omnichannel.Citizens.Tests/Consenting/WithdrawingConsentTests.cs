using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Consenting;
using Omnichannel.Contracts;
using Xunit;
using static Omnichannel.Citizens.Tests.Examples;

namespace Omnichannel.Citizens.Tests.Consenting;

/// <summary>A consent is withdrawn by recording it, once; the consent stays on record, marked withdrawn.</summary>
public class WithdrawingConsentTests
{
    private static readonly Guid ConsentId = new("7d2f6c1e-0b7a-4d1e-9c3b-5a8e4f2d1c00");
    private static readonly ConsentGiven GivenAtKiosk = new(CitizenId, ConsentId, ConsentTexts.AppointmentsAndReminders, "2026-11-30",
        ConsentTexts.InPersonRegistration.Sha256("ca"), "ca", "kiosk", "kiosk:k-01", Monday);

    private static WithdrawConsent Withdraw(Guid? consentId = null) => new(CitizenId, consentId ?? ConsentId, "on-site", "staff-dpo-marta", Tuesday);

    [Fact]
    public void A_consent_given_is_withdrawn_naming_its_purpose_where_it_was_asked_and_who_recorded_it()
    {
        Given.Citizen(Registered(), GivenAtKiosk)
            .When(state => ConsentDecisions.Withdraw(Withdraw(), state))
            .Then(new ConsentWithdrawn(CitizenId, ConsentId, ConsentTexts.AppointmentsAndReminders, "on-site", "staff-dpo-marta", Tuesday));
    }

    [Fact]
    public void A_withdrawn_consent_stays_on_record_marked_withdrawn()
    {
        var state = Given.Citizen(Registered(), GivenAtKiosk, new ConsentWithdrawn(CitizenId, ConsentId, ConsentTexts.AppointmentsAndReminders, "on-site", "staff-dpo-marta", Tuesday)).State;

        var consent = Assert.Single(state.Consents);
        Assert.Equal((Monday, (DateTimeOffset?)Tuesday, "on-site", "2026-11-30"), (consent.GivenAt, consent.WithdrawnAt, consent.WithdrawnThrough, consent.TextVersion));
        Assert.True(consent.Withdrawn);
    }

    [Fact]
    public void Withdrawing_twice_is_a_conflict_and_adds_nothing()
    {
        Given.Citizen(Registered(), GivenAtKiosk, new ConsentWithdrawn(CitizenId, ConsentId, ConsentTexts.AppointmentsAndReminders, "on-site", "staff-dpo-marta", Tuesday))
            .When(state => ConsentDecisions.Withdraw(Withdraw(), state))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void A_consent_the_citizen_never_gave_or_a_citizen_nobody_registered_is_not_found()
    {
        Given.Citizen(Registered(), GivenAtKiosk).When(state => ConsentDecisions.Withdraw(Withdraw(Guid.NewGuid()), state)).ThenRejected(RejectionKind.NotFound);
        Given.Citizen().When(state => ConsentDecisions.Withdraw(Withdraw(), state)).ThenRejected(RejectionKind.NotFound);
    }
}
