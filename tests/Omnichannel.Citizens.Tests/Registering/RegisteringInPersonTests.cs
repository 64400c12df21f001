using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.Registering;
using Xunit;
using static Omnichannel.Citizens.Tests.Examples;

namespace Omnichannel.Citizens.Tests.Registering;

/// <summary>Registering in person at a council device: the minimum, each field checked by name, and a DNI or contact
/// already on record refused without a word about whose it is.</summary>
public class RegisteringInPersonTests
{
    private static readonly RegisterInPersonFields Minimum = new("  Aina Puig Serra ", "12345678-z", null, null, "es", "kiosk");

    private static Rejection Refused(RegisterInPersonFields fields) =>
        Assert.Throws<Rejection>(() => RegisterInPersonRules.Command(fields, Keys, CitizenId, Tuesday));

    [Fact]
    public void A_name_and_a_DNI_are_enough_and_nobody_is_signed_up_for_electronic_dealing()
    {
        var command = RegisterInPersonRules.Command(Minimum, Keys, CitizenId, Tuesday);

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
