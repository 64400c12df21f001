using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.ChangingPreferences;
using Omnichannel.Citizens.Registering;
using Xunit;
using static Omnichannel.Citizens.Tests.Examples;

namespace Omnichannel.Citizens.Tests.ChangingPreferences;

public class PreferencesRequestValidationTests
{
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
