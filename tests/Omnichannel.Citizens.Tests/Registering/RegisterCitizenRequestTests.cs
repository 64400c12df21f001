using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.ChangingPreferences;
using Omnichannel.Citizens.Registering;
using Xunit;
using static Omnichannel.Citizens.Tests.Examples;

namespace Omnichannel.Citizens.Tests.Registering;

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
}
