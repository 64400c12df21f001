using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.ChangingPreferences;
using Omnichannel.Citizens.Registering;
using Xunit;
using static Omnichannel.Citizens.Tests.Examples;

namespace Omnichannel.Citizens.Tests.Registration;

public class IdentityFieldsTests
{
    private static readonly IdentityFields AllValid = new("612 345 678", "Anna@Example.cat", "123456789", "+34 699 000 111", "12345678-z");

    [Fact]
    public void Every_field_given_becomes_an_identity_in_canonical_form()
    {
        Assert.Equal(
            [
                new ChannelIdentity(IdentityKinds.Phone, "+34612345678"),
                new ChannelIdentity(IdentityKinds.Email, "Anna@example.cat"),
                new ChannelIdentity(IdentityKinds.Telegram, "123456789"),
                new ChannelIdentity(IdentityKinds.WhatsApp, "+34699000111"),
                new ChannelIdentity(IdentityKinds.NationalId, ChannelIdentityRules.HashNationalId("12345678Z", Key)),
            ],
            AllValid.Normalize(Key));
    }

    [Fact]
    public void Fields_not_given_become_no_identity()
    {
        Assert.Empty(new IdentityFields(null, null, null, null, null).Normalize(Key));
        Assert.Equal([new ChannelIdentity(IdentityKinds.Email, "anna@example.cat")],
            new IdentityFields(null, "anna@example.cat", null, null, null).Normalize(Key));
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("email")]
    [InlineData("telegramChatId")]
    [InlineData("whatsAppNumber")]
    [InlineData("nationalId")]
    public void A_wrong_value_is_rejected_naming_its_field(string field)
    {
        var fields = field switch
        {
            "phone" => AllValid with { Phone = "12345" },
            "email" => AllValid with { Email = "anna-at-example.cat" },
            "telegramChatId" => AllValid with { TelegramChatId = "@anna" },
            "whatsAppNumber" => AllValid with { WhatsAppNumber = "whatsapp" },
            "nationalId" => AllValid with { NationalId = "12345678A" },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        var rejection = Assert.Throws<Rejection>(() => fields.Normalize(Key));

        Assert.Equal(RejectionKind.Invalid, rejection.Kind);
        Assert.Equal(field, rejection.Field);
    }

    [Fact]
    public void An_empty_field_is_rejected_not_skipped()
    {
        var rejection = Assert.Throws<Rejection>(() => (AllValid with { NationalId = "" }).Normalize(Key));

        Assert.Equal("nationalId", rejection.Field);
    }

    [Fact]
    public void The_registration_request_carries_its_identities()
    {
        var request = new RegisterCitizenRequest("Anna", "ca", null, true, "kiosk", "612345678", null, null, null, null);

        Assert.Equal([new ChannelIdentity(IdentityKinds.Phone, "+34612345678")], request.Normalize(Key));
    }
}

public class RequestValidationTests
{
    private static IReadOnlyList<string> Faults(RegisterCitizenRequest request) =>
        new RegisterCitizenRequestValidator().Validate(request).Errors.Select(e => e.PropertyName).ToList();

    private static RegisterCitizenRequest Request(string? language = "ca", string? preferredChannel = "whatsapp", string? channel = "kiosk", string? name = "Anna") =>
        new(name, language, preferredChannel, true, channel, null, null, null, null, null);

    [Fact]
    public void A_registration_needs_only_the_channel_it_came_through()
    {
        Assert.Empty(Faults(Request()));
        Assert.Empty(Faults(new RegisterCitizenRequest(null, null, null, null, "phone", null, null, null, null, null)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fax")]
    [InlineData("Kiosk")]
    public void The_channel_of_a_registration_is_a_known_interaction_channel(string? channel)
    {
        Assert.Equal(["Channel"], Faults(Request(channel: channel)).Distinct());
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("CA")]
    [InlineData("")]
    public void The_language_is_Catalan_Spanish_or_English(string language)
    {
        Assert.Equal(["PreferredLanguage"], Faults(Request(language: language)));
    }

    [Fact]
    public void The_preferred_channel_is_a_known_interaction_channel()
    {
        Assert.Equal(["PreferredChannel"], Faults(Request(preferredChannel: "pigeon")));
    }

    [Fact]
    public void A_display_name_has_at_most_120_characters()
    {
        Assert.Empty(Faults(Request(name: new string('n', 120))));
        Assert.Equal(["DisplayName"], Faults(Request(name: new string('n', 121))));
    }

    [Fact]
    public void Changing_preferences_needs_a_language_and_the_electronic_choice()
    {
        var validator = new PreferencesRequestValidator();

        Assert.True(validator.Validate(new PreferencesRequest("es", null, false)).IsValid);
        Assert.Equal(["PreferredLanguage", "DealsElectronically"],
            validator.Validate(new PreferencesRequest(null, null, null)).Errors.Select(e => e.PropertyName).Distinct());
        Assert.Equal(["PreferredChannel"], validator.Validate(new PreferencesRequest("en", "fax", true)).Errors.Select(e => e.PropertyName));
    }
}
