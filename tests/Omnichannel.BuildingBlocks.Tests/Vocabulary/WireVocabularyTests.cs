using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Vocabulary;
using Omnichannel.Contracts;

namespace Omnichannel.BuildingBlocks.Tests.Vocabulary;

/// <summary>One spelling on the wire: enums in kebab case read exactly, the one channel list compared exactly.</summary>
public sealed class WireVocabularyTests
{
    public enum Example { Submitted, InReview, AwaitingCitizen, Point0, AppointmentOnly }

    private sealed record Body(Example Status, Example? Maybe);

    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web) { Converters = { new WireEnumConverter() } };

    [Theory]
    [InlineData(Example.Submitted, "submitted")]
    [InlineData(Example.InReview, "in-review")]
    [InlineData(Example.AwaitingCitizen, "awaiting-citizen")]
    [InlineData(Example.Point0, "point0")]
    [InlineData(Example.AppointmentOnly, "appointment-only")]
    public void Every_enum_is_written_in_kebab_case_and_read_back(Example value, string wire)
    {
        var json = JsonSerializer.Serialize(new Body(value, value), Wire);

        Assert.Equal($$"""{"status":"{{wire}}","maybe":"{{wire}}"}""", json);
        Assert.Equal(new Body(value, value), JsonSerializer.Deserialize<Body>(json, Wire));
    }

    [Theory]
    [InlineData("\"InReview\"")]
    [InlineData("\"inReview\"")]
    [InlineData("\"IN-REVIEW\"")]
    [InlineData("\"in_review\"")]
    [InlineData("\" in-review\"")]
    [InlineData("1")]
    [InlineData("\"1\"")]
    [InlineData("true")]
    public void Any_other_spelling_is_refused_listing_the_values(string status)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Body>($$"""{"status":{{status}}}""", Wire));

        Assert.Equal("$.status", error.Path);
        Assert.StartsWith("Use one of: submitted, in-review, awaiting-citizen, point0, appointment-only.", error.Message);
    }

    [Fact]
    public void Null_is_still_null_for_an_optional_enum()
    {
        Assert.Null(JsonSerializer.Deserialize<Body>("""{"status":"submitted","maybe":null}""", Wire)!.Maybe);
    }

    [Theory]
    [InlineData("online")]
    [InlineData("point0")]
    [InlineData("telegram")]
    [InlineData("on-site")]
    public void The_one_channel_list_knows_every_channel_of_every_service(string channel)
    {
        Assert.True(Channels.IsKnown(channel));
    }

    [Theory]
    [InlineData("Online")]
    [InlineData("KIOSK")]
    [InlineData(" phone")]
    [InlineData("onsite")]
    [InlineData("fax")]
    [InlineData("")]
    [InlineData(null)]
    public void Channels_are_compared_exactly(string? channel)
    {
        Assert.False(Channels.IsKnown(channel));
    }

    [Theory]
    [InlineData("612 345 678", "ES", "+34612345678")]
    [InlineData("0034 612 345 678", "ES", "+34612345678")]
    [InlineData("+44 20 7946 0958", "ES", "+442079460958")]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    [InlineData("06 12 34 56 78", "FR", "+33612345678")]
    public void Phone_numbers_of_any_country_are_kept_in_E164(string typed, string region, string e164)
    {
        Assert.Equal(e164, PhoneNumberRules.ToE164(typed, "phone", region));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("call me")]
    [InlineData("+34 612 ABC 678")] // not a keypad's letters: a typo
    [InlineData("+0612345678")]
    [InlineData("")]
    public void What_is_not_a_phone_number_is_a_400_naming_the_field(string typed)
    {
        var rejection = Assert.Throws<Rejection>(() => PhoneNumberRules.ToE164(typed, "phone", "ES"));

        Assert.Equal((RejectionKind.Invalid, "phone"), (rejection.Kind, rejection.Field));
    }

    [Fact]
    public void An_unknown_council_region_stops_the_service_at_start_up()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [CouncilPhoneRegion.Key] = "XX" }).Build();

        Assert.Throws<InvalidOperationException>(() => { _ = new CouncilPhoneRegion(configuration); });
    }
}
