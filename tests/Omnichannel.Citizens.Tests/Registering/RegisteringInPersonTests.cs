using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Consenting;
using Omnichannel.Citizens.Identities;
using Omnichannel.Contracts;
using Omnichannel.Citizens.Registering;
using Xunit;
using static Omnichannel.Citizens.Tests.Examples;

namespace Omnichannel.Citizens.Tests.Registering;

/// <summary>Registering in person at a council device: the minimum, each field checked by name, and a DNI or contact
/// already on record refused without a word about whose it is.</summary>
public class RegisteringInPersonTests
{
    private static readonly RegisterInPersonFields Minimum = new("  Aina Puig Serra ", "12345678-z", null, null, "es", "kiosk",
        ConsentTexts.AppointmentsAndReminders, ConsentTexts.InPersonRegistration.Version, "kiosk:k-01");

    private static Rejection Refused(RegisterInPersonFields fields) =>
        Assert.Throws<Rejection>(() => RegisterInPersonRules.Command(fields, Keys, CitizenId, Tuesday));

    [Fact]
    public void A_name_and_a_DNI_are_enough_and_nobody_is_signed_up_for_electronic_dealing()
    {
        var command = RegisterInPersonRules.Command(Minimum, Keys, CitizenId, Tuesday).Registration;

        Assert.Equal(("Aina Puig Serra", "kiosk"), (command.DisplayName, command.Channel));
        Assert.Equal(new CitizenPreferences("es", null, DealsElectronically: false), command.Preferences);
        Assert.Equal([Dni], command.Identities);
    }

    [Fact]
    public void A_phone_and_an_email_given_are_linked_as_identities()
    {
        var command = RegisterInPersonRules.Command(Minimum with { Phone = "612 345 678", Email = "Anna@Example.cat" }, Keys, CitizenId, Tuesday);
        Assert.Equal([Phone, Email, Dni], command.Identities);
    }

    [Theory]
    [InlineData("", "12345678Z", null, null, "displayName")]
    [InlineData("Aina", "", null, null, "nationalId")]
    [InlineData("Aina", "12345678A", null, null, "nationalId")] // the check letter does not match
    [InlineData("Aina", "12345678Z", "12", null, "phone")]
    [InlineData("Aina", "12345678Z", null, "not-an-email", "email")]
    public void Bad_input_is_refused_naming_the_field(string name, string nationalId, string? phone, string? email, string field)
    {
        var refused = Refused(Minimum with { DisplayName = name, NationalId = nationalId, Phone = phone, Email = email });
        Assert.Equal((RejectionKind.Invalid, field), (refused.Kind, refused.Field));
    }

    [Fact]
    public void Registering_records_the_consent_given_with_it_the_text_version_its_hash_in_the_language_shown_the_channel_and_the_device()
    {
        var consentId = Guid.NewGuid();
        var command = RegisterInPersonRules.Command(Minimum, Keys, CitizenId, Tuesday, consentId);

        var events = Given.Citizen().When(state => RegisterInPersonDecision.Decide(command, state)).Events;

        Assert.IsType<CitizenRegistered>(events[0]);
        Assert.Equal(new ConsentGiven(CitizenId, consentId, ConsentTexts.AppointmentsAndReminders, "2026-11-30",
            ConsentTexts.InPersonRegistration.Sha256("es"), "es", "kiosk", "kiosk:k-01", Tuesday), events[^1]);
        Assert.NotEqual(ConsentTexts.InPersonRegistration.Sha256("ca"), ConsentTexts.InPersonRegistration.Sha256("es"));
    }

    [Theory]
    [InlineData("appointments-and-reminders", "1999-01-01", "es", "consentVersion")] // a version no screen showed
    [InlineData("marketing", "2026-11-30", "es", "consentPurpose")]
    [InlineData(null, null, "es", "consentPurpose")]
    [InlineData("appointments-and-reminders", "2026-11-30", null, "language")] // the language the text was shown in is needed
    [InlineData("appointments-and-reminders", "2026-11-30", "fr", "language")]
    public void Nobody_is_registered_in_person_without_a_consent_to_a_text_the_platform_shows(string? purpose, string? version, string? language, string field)
    {
        var refused = Refused(Minimum with { ConsentPurpose = purpose, ConsentVersion = version, Language = language });
        Assert.Equal((RejectionKind.Invalid, field), (refused.Kind, refused.Field));
    }

    [Fact]
    public void A_DNI_already_registered_is_a_conflict_that_says_nothing_about_that_citizens_contacts()
    {
        var identities = new[] { Phone, Dni };
        var refused = Assert.Throws<Rejection>(() => RegisterInPersonRules.RefuseTaken(identities, new HashSet<string> { Phone.IndexKey, Dni.IndexKey }));
        Assert.Equal((RejectionKind.Conflict, null), (refused.Kind, refused.Field));
        Assert.DoesNotContain("phone", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_phone_or_email_another_citizen_has_is_refused_as_that_field_without_saying_whose()
    {
        var byPhone = Assert.Throws<Rejection>(() => RegisterInPersonRules.RefuseTaken([Phone, Dni], new HashSet<string> { Phone.IndexKey }));
        Assert.Equal((RejectionKind.Invalid, "phone"), (byPhone.Kind, byPhone.Field));
        var byEmail = Assert.Throws<Rejection>(() => RegisterInPersonRules.RefuseTaken([Email, Dni], new HashSet<string> { Email.IndexKey }));
        Assert.Equal((RejectionKind.Invalid, "email"), (byEmail.Kind, byEmail.Field));
        Assert.DoesNotContain("citizen", byEmail.Message, StringComparison.OrdinalIgnoreCase);

        RegisterInPersonRules.RefuseTaken([Phone, Email, Dni], new HashSet<string>());
    }
}
