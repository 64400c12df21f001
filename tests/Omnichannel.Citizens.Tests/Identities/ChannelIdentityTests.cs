using System.Security.Cryptography;
using System.Text;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Identities;
using Xunit;
using static Omnichannel.Citizens.Tests.Examples;

namespace Omnichannel.Citizens.Tests.Identities;

public class PhoneTests
{
    [Theory]
    [InlineData("+34612345678", "+34612345678")]
    [InlineData("+34 612 345 678", "+34612345678")]
    [InlineData("612345678", "+34612345678")]
    [InlineData("612 34 56 78", "+34612345678")]
    [InlineData("612-345-678", "+34612345678")]
    [InlineData("(+34) 612.345.678", "+34612345678")]
    [InlineData("0034612345678", "+34612345678")]
    [InlineData("0034 612 345 678", "+34612345678")]
    [InlineData("712345678", "+34712345678")]
    [InlineData("934021234", "+34934021234")]
    [InlineData("812345678", "+34812345678")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("0044 20 7946 0958", "+442079460958")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("34612345678", "+34612345678")] // libphonenumber: the council's country code typed without + (was refused by the old rule)
    [InlineData("+1 650-253-0000", "+16502530000")]
    [InlineData("+212 6 12 34 56 78", "+212612345678")]
    public void Phone_numbers_are_kept_in_E164(string typed, string e164)
    {
        Assert.Equal(e164, ChannelIdentityRules.Normalize(IdentityKinds.Phone, typed, "phone", Keys).Value);
    }

    [Fact]
    public void A_number_without_country_prefix_belongs_to_the_councils_region()
    {
        var london = new IdentityKeys(Key, "GB");

        Assert.Equal("+442079460958", ChannelIdentityRules.Normalize(IdentityKinds.Phone, "020 7946 0958", "phone", london).Value);
        Assert.Equal("+34612345678", ChannelIdentityRules.Normalize(IdentityKinds.Phone, "+34 612 345 678", "phone", london).Value);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("61234567")] // eight digits
    [InlineData("6123456789")] // ten digits without a prefix
    [InlineData("+0612345678")]
    [InlineData("+3461234567890123")] // more than 15 digits
    [InlineData("+34 612 ABC 678")]
    [InlineData("phone")]
    public void What_is_not_a_phone_number_is_rejected_naming_the_field(string typed)
    {
        var rejection = Assert.Throws<Rejection>(() => ChannelIdentityRules.Normalize(IdentityKinds.WhatsApp, typed, "whatsAppNumber", Keys));

        Assert.Equal(RejectionKind.Invalid, rejection.Kind);
        Assert.Equal("whatsAppNumber", rejection.Field);
    }

    [Theory]
    [InlineData(IdentityKinds.Phone)]
    [InlineData(IdentityKinds.WhatsApp)]
    public void Phone_and_WhatsApp_identities_are_normalised_alike(string kind)
    {
        Assert.Equal(new ChannelIdentity(kind, "+34612345678"), ChannelIdentityRules.Normalize(kind, " 612 345 678 ", "value", Keys));
    }
}

public class EmailTests
{
    [Theory]
    [InlineData("anna@example.cat", "anna@example.cat")]
    [InlineData("Anna.Garcia@Example.CAT", "anna.garcia@example.cat")]
    [InlineData("Maria.Garcia@Example.com", "maria.garcia@example.com")]
    [InlineData("anna+oac@ajuntament.example.cat", "anna+oac@ajuntament.example.cat")]
    public void Addresses_are_compared_without_case(string typed, string canonical)
    {
        Assert.Equal(canonical, ChannelIdentityRules.Email(typed, "email"));
    }

    [Fact]
    public void Surrounding_spaces_are_trimmed()
    {
        Assert.Equal(new ChannelIdentity(IdentityKinds.Email, "anna@example.cat"),
            ChannelIdentityRules.Normalize(IdentityKinds.Email, "  anna@EXAMPLE.cat\t", "email", Keys));
    }

    [Theory]
    [InlineData("anna")]
    [InlineData("@example.cat")]
    [InlineData("anna@")]
    [InlineData("anna@example")]
    [InlineData("anna@.cat")]
    [InlineData("anna garcia@example.cat")]
    [InlineData("anna@exa mple.cat")]
    public void What_is_not_an_email_address_is_rejected_naming_the_field(string typed)
    {
        var rejection = Assert.Throws<Rejection>(() => ChannelIdentityRules.Email(typed, "email"));

        Assert.Equal(RejectionKind.Invalid, rejection.Kind);
        Assert.Equal("email", rejection.Field);
    }

    [Fact]
    public void An_address_longer_than_254_characters_is_rejected()
    {
        var local = new string('a', 64);
        var ok = local + "@" + new string('b', 254 - 64 - 1 - 4) + ".cat";
        var tooLong = local + "@" + new string('b', 255 - 64 - 1 - 4) + ".cat";

        Assert.Equal(ok, ChannelIdentityRules.Email(ok, "email"));
        Assert.Equal("email", Assert.Throws<Rejection>(() => ChannelIdentityRules.Email(tooLong, "email")).Field);
    }
}

public class TelegramTests
{
    [Theory]
    [InlineData("123456789", "123456789")]
    [InlineData("7012345678", "7012345678")]
    [InlineData("000123", "123")]
    public void A_Telegram_chat_id_is_a_positive_number_in_canonical_form(string typed, string canonical)
    {
        Assert.Equal(canonical, ChannelIdentityRules.Telegram(typed, "telegramChatId"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1001234567890")] // a group chat, not a person
    [InlineData("@anna")]
    [InlineData("12.5")]
    [InlineData("99999999999999999999")]
    public void Anything_else_is_rejected_naming_the_field(string typed)
    {
        var rejection = Assert.Throws<Rejection>(() => ChannelIdentityRules.Telegram(typed, "telegramChatId"));

        Assert.Equal(RejectionKind.Invalid, rejection.Kind);
        Assert.Equal("telegramChatId", rejection.Field);
    }
}

public class NationalIdTests
{
    private const string DniLetters = "TRWAGMYFPDXBNJZSQVHLCKE";

    // Worked out by hand: 12345678 mod 23 = 14 → Z; X → 0: 01234567 mod 23 = 19 → L;
    // Y → 1: 11234567 mod 23 = 10 → X; Z → 2: 21234567 mod 23 = 1 → R; 0 → T; 99999999 mod 23 = 1 → R.
    [Theory]
    [InlineData("12345678Z")]
    [InlineData("X1234567L")]
    [InlineData("Y1234567X")]
    [InlineData("Z1234567R")]
    [InlineData("00000000T")]
    [InlineData("99999999R")]
    [InlineData("Y0000000Z")]
    public void Valid_DNIs_and_NIEs_are_accepted(string id)
    {
        Assert.Equal(id, ChannelIdentityRules.NationalId(id, "nationalId"));
    }

    [Theory]
    [InlineData("12345678z", "12345678Z")]
    [InlineData("12.345.678-Z", "12345678Z")]
    [InlineData(" 12 345 678 z ", "12345678Z")]
    [InlineData("x-1234567-l", "X1234567L")]
    [InlineData("(Y) 1234567 X", "Y1234567X")]
    public void Lower_case_and_separators_are_tolerated(string typed, string canonical)
    {
        Assert.Equal(canonical, ChannelIdentityRules.NationalId(typed, "nationalId"));
    }

    [Theory]
    [InlineData("12345678")] // no letter
    [InlineData("1234567Z")] // seven digits
    [InlineData("123456789Z")] // nine digits
    [InlineData("W1234567L")] // not an NIE prefix
    [InlineData("X12345678L")]
    [InlineData("12345678Ñ")]
    [InlineData("ABCDEFGHZ")]
    public void Malformed_ids_are_rejected_naming_the_field(string typed)
    {
        var rejection = Assert.Throws<Rejection>(() => ChannelIdentityRules.NationalId(typed, "nationalId"));

        Assert.Equal(RejectionKind.Invalid, rejection.Kind);
        Assert.Equal("nationalId", rejection.Field);
        Assert.Contains("DNI or NIE", rejection.Message);
    }

    [Theory]
    [InlineData("12345678")]
    [InlineData("X1234567")]
    [InlineData("Y1234567")]
    [InlineData("Z1234567")]
    public void Every_wrong_check_letter_is_rejected(string number)
    {
        var right = ChannelIdentityRules.NationalId(number + LetterFor(number), "nationalId")[^1];

        foreach (var letter in Enumerable.Range('A', 26).Select(c => (char)c).Where(c => c != right))
        {
            var rejection = Assert.Throws<Rejection>(() => ChannelIdentityRules.NationalId(number + letter, "nationalId"));
            Assert.Equal("nationalId", rejection.Field);
            Assert.Contains("check letter", rejection.Message);
        }
    }

    [Fact]
    public void A_typo_in_any_digit_is_caught_by_the_check_letter()
    {
        const string id = "12345678Z";
        for (var position = 0; position < 8; position++)
            foreach (var digit in "0123456789".Where(d => d != id[position]))
            {
                var typo = id[..position] + digit + id[(position + 1)..];
                Assert.Throws<Rejection>(() => ChannelIdentityRules.NationalId(typo, "nationalId"));
            }
    }

    /// <summary>The letter for a number, by the official mod-23 table (independent of the code under test).</summary>
    private static char LetterFor(string number)
    {
        var digits = number[0] switch { 'X' => "0" + number[1..], 'Y' => "1" + number[1..], 'Z' => "2" + number[1..], _ => number };
        return DniLetters[int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 23];
    }
}

public class NationalIdHashTests
{
    [Fact]
    public void The_same_id_and_key_always_give_the_same_hash()
    {
        Assert.Equal(ChannelIdentityRules.HashNationalId("12345678Z", Key), ChannelIdentityRules.HashNationalId("12345678Z", Key));
    }

    [Fact]
    public void Another_key_gives_another_hash()
    {
        Assert.NotEqual(ChannelIdentityRules.HashNationalId("12345678Z", Key), ChannelIdentityRules.HashNationalId("12345678Z", OtherKey));
    }

    [Fact]
    public void Different_ids_give_different_hashes()
    {
        Assert.NotEqual(ChannelIdentityRules.HashNationalId("12345678Z", Key), ChannelIdentityRules.HashNationalId("X1234567L", Key));
    }

    [Fact]
    public void The_hash_is_HMAC_SHA256_in_lower_case_hex_not_a_plain_digest()
    {
        var hash = ChannelIdentityRules.HashNationalId("12345678Z", Key);

        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("12345678Z"))), hash);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("12345678Z"))), hash);
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Theory]
    [InlineData("12345678Z")]
    [InlineData("12345678-z")]
    [InlineData("x1234567l")]
    [InlineData("Z1234567R")]
    public void A_national_id_identity_stores_only_the_keyed_hash_never_the_id(string typed)
    {
        var identity = ChannelIdentityRules.Normalize(IdentityKinds.NationalId, typed, "nationalId", Keys);

        var canonical = ChannelIdentityRules.NationalId(typed, "nationalId");
        Assert.Equal(IdentityKinds.NationalId, identity.Kind);
        Assert.Equal(ChannelIdentityRules.HashNationalId(canonical, Key), identity.Value);
        Assert.DoesNotContain(canonical, identity.Value, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(canonical[..^1], identity.Value, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(canonical, identity.IndexKey, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_same_person_typed_differently_is_recognised()
    {
        Assert.Equal(
            ChannelIdentityRules.Normalize(IdentityKinds.NationalId, "12345678Z", "nationalId", Keys),
            ChannelIdentityRules.Normalize(IdentityKinds.NationalId, " 12.345.678-z ", "nationalId", Keys));
    }

    [Fact]
    public void A_national_id_with_a_wrong_letter_is_rejected_before_hashing()
    {
        var rejection = Assert.Throws<Rejection>(() => ChannelIdentityRules.Normalize(IdentityKinds.NationalId, "12345678A", "nationalId", Keys));

        Assert.Equal("nationalId", rejection.Field);
    }
}

public class NormalizeTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_identity_is_rejected_naming_the_field(string? typed)
    {
        foreach (var kind in IdentityKinds.All)
        {
            var rejection = Assert.Throws<Rejection>(() => ChannelIdentityRules.Normalize(kind, typed, "value", Keys));
            Assert.Equal(RejectionKind.Invalid, rejection.Kind);
            Assert.Equal("value", rejection.Field);
        }
    }

    [Fact]
    public void An_unknown_kind_is_rejected_naming_the_field()
    {
        var rejection = Assert.Throws<Rejection>(() => ChannelIdentityRules.Normalize("fax", "934021234", "kind", Keys));

        Assert.Equal(RejectionKind.Invalid, rejection.Kind);
        Assert.Equal("kind", rejection.Field);
    }

    [Fact]
    public void The_index_key_is_kind_and_value()
    {
        Assert.Equal("phone:+34612345678", ChannelIdentityRules.Normalize(IdentityKinds.Phone, "612345678", "phone", Keys).IndexKey);
    }

    [Fact]
    public void Telegram_identities_are_normalised()
    {
        Assert.Equal(new ChannelIdentity(IdentityKinds.Telegram, "123456789"),
            ChannelIdentityRules.Normalize(IdentityKinds.Telegram, " 123456789 ", "telegramChatId", Keys));
    }
}
