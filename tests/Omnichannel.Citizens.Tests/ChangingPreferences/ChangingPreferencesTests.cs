using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.ChangingPreferences;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.LinkingIdentities;
using Omnichannel.Citizens.Registering;
using Omnichannel.Citizens.UnlinkingIdentities;
using Xunit;
using static Omnichannel.Citizens.Tests.Examples;

namespace Omnichannel.Citizens.Tests.ChangingPreferences;

public class ChangingPreferencesTests
{
    private static ChangePreferences Change(CitizenPreferences preferences) => new(CitizenId, preferences, Tuesday);

    [Fact]
    public void New_preferences_are_recorded()
    {
        var spanishOnPaper = new CitizenPreferences("es", null, DealsElectronically: false);

        Given.Citizen(Registered())
            .When(state => ChangePreferencesDecision.Decide(Change(spanishOnPaper), state))
            .Then(new PreferencesChanged(CitizenId, spanishOnPaper, Tuesday));
    }

    [Fact]
    public void The_same_preferences_again_record_nothing()
    {
        Given.Citizen(Registered(Catalan))
            .When(state => ChangePreferencesDecision.Decide(Change(new CitizenPreferences("ca", "whatsapp", true)), state))
            .ThenNothingHappens();
    }

    [Fact]
    public void The_preferences_compared_are_the_latest_ones()
    {
        var english = new CitizenPreferences("en", "email", true);

        Given.Citizen(Registered(Catalan), new PreferencesChanged(CitizenId, english, Monday))
            .When(state => ChangePreferencesDecision.Decide(Change(Catalan), state))
            .Then(new PreferencesChanged(CitizenId, Catalan, Tuesday));
    }

    [Fact]
    public void Choosing_not_to_deal_electronically_alone_is_a_change()
    {
        var onPaper = Catalan with { DealsElectronically = false };

        Given.Citizen(Registered(Catalan))
            .When(state => ChangePreferencesDecision.Decide(Change(onPaper), state))
            .Then(new PreferencesChanged(CitizenId, onPaper, Tuesday));
    }

    [Fact]
    public void Changing_the_preferences_of_an_unknown_citizen_is_not_found()
    {
        Given.Citizen()
            .When(state => ChangePreferencesDecision.Decide(Change(Catalan), state))
            .ThenRejected(RejectionKind.NotFound);
    }

    [Fact]
    public void Choosing_the_channel_for_notices_keeps_the_language_and_electronic_dealing()
    {
        Given.Citizen(Registered(Catalan))
            .When(state => ChangePreferredChannelDecision.Decide(CitizenId, "telegram", Tuesday, state))
            .Then(new PreferencesChanged(CitizenId, Catalan with { PreferredChannel = "telegram" }, Tuesday));
    }

    [Fact]
    public void Choosing_the_channel_already_chosen_records_nothing()
    {
        Given.Citizen(Registered(Catalan))
            .When(state => ChangePreferredChannelDecision.Decide(CitizenId, Catalan.PreferredChannel!, Tuesday, state))
            .ThenNothingHappens();
    }

    [Fact]
    public void Choosing_the_channel_of_an_unknown_citizen_is_not_found()
    {
        Given.Citizen()
            .When(state => ChangePreferredChannelDecision.Decide(CitizenId, "sms", Tuesday, state))
            .ThenRejected(RejectionKind.NotFound);
    }
}
