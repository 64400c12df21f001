using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.ChangingPreferences;
using Omnichannel.Citizens.Registering;
using Xunit;
using static Omnichannel.Citizens.Tests.Examples;

namespace Omnichannel.Citizens.Tests.Identities;

public class IdentityFieldsTests
{
    private static readonly IdentityFields AllValid = new("612 345 678", "Anna@Example.cat", "123456789", "+34 699 000 111", "12345678-z");

    [Fact]
    public void Every_field_given_becomes_an_identity_in_canonical_form()
    {
        Assert.Equal(
            [
                new ChannelIdentity(IdentityKinds.Phone, "+34612345678"),
                new ChannelIdentity(IdentityKinds.Email, "anna@example.cat"),
                new ChannelIdentity(IdentityKinds.Telegram, "123456789"),
                new ChannelIdentity(IdentityKinds.WhatsApp, "+34699000111"),
                new ChannelIdentity(IdentityKinds.NationalId, ChannelIdentityRules.HashNationalId("12345678Z", Key)),
            ],
            AllValid.Normalize(Keys));
    }

    [Fact]
    public void Fields_not_given_become_no_identity()
    {
        Assert.Empty(new IdentityFields(null, null, null, null, null).Normalize(Keys));
        Assert.Equal([new ChannelIdentity(IdentityKinds.Email, "anna@example.cat")],
            new IdentityFields(null, "anna@example.cat", null, null, null).Normalize(Keys));
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

        var rejection = Assert.Throws<Rejection>(() => fields.Normalize(Keys));

        Assert.Equal(RejectionKind.Invalid, rejection.Kind);
        Assert.Equal(field, rejection.Field);
    }

    [Fact]
    public void An_empty_field_is_rejected_not_skipped()
    {
        var rejection = Assert.Throws<Rejection>(() => (AllValid with { NationalId = "" }).Normalize(Keys));

        Assert.Equal("nationalId", rejection.Field);
    }

    [Fact]
    public void The_registration_request_carries_its_identities()
    {
        var request = new RegisterCitizenRequest("Anna", "ca", null, true, "kiosk", "612345678", null, null, null, null);

        Assert.Equal([new ChannelIdentity(IdentityKinds.Phone, "+34612345678")], request.Normalize(Keys));
    }
}
