using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.ChangingPreferences;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.LinkingIdentities;
using Omnichannel.Citizens.Registering;
using Omnichannel.Citizens.UnlinkingIdentities;
using Xunit;
using static Omnichannel.Citizens.Tests.Examples;

namespace Omnichannel.Citizens.Tests;

public class RegisteringTests
{
    private static RegisterCitizen Register(params ChannelIdentity[] identities) =>
        new(CitizenId, "Anna", Catalan, "kiosk", identities, Tuesday);

    [Fact]
    public void Registering_records_the_citizen_then_links_each_identity_in_order()
    {
        Given.Citizen()
            .When(state => RegisterCitizenDecision.Decide(Register(Phone, Email, Dni), state))
            .Then(
                new CitizenRegistered(CitizenId, "Anna", Catalan, "kiosk", Tuesday),
                Linked(Phone, Tuesday),
                Linked(Email, Tuesday),
                Linked(Dni, Tuesday));
    }

    [Fact]
    public void A_citizen_can_register_without_any_identity()
    {
        Given.Citizen()
            .When(state => RegisterCitizenDecision.Decide(Register(), state))
            .Then(new CitizenRegistered(CitizenId, "Anna", Catalan, "kiosk", Tuesday));
    }

    [Fact]
    public void An_identity_given_twice_is_linked_once()
    {
        Given.Citizen()
            .When(state => RegisterCitizenDecision.Decide(Register(Phone, Phone with { }), state))
            .Then(new CitizenRegistered(CitizenId, "Anna", Catalan, "kiosk", Tuesday), Linked(Phone, Tuesday));
    }

    [Fact]
    public void The_same_number_as_phone_and_as_WhatsApp_are_two_identities()
    {
        Given.Citizen()
            .When(state => RegisterCitizenDecision.Decide(Register(Phone, WhatsApp), state))
            .Then(new CitizenRegistered(CitizenId, "Anna", Catalan, "kiosk", Tuesday), Linked(Phone, Tuesday), Linked(WhatsApp, Tuesday));
    }

    [Fact]
    public void Registering_with_two_national_ids_is_a_conflict()
    {
        Given.Citizen()
            .When(state => RegisterCitizenDecision.Decide(Register(Dni, Nie), state))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void Registering_a_citizen_twice_is_a_conflict()
    {
        Given.Citizen(Registered())
            .When(state => RegisterCitizenDecision.Decide(Register(Phone), state))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void The_registered_citizen_has_the_preferences_and_identities_it_was_registered_with()
    {
        var events = Given.Citizen().When(state => RegisterCitizenDecision.Decide(Register(Phone, Dni), state)).Events;

        var state = events.Aggregate(CitizenState.Initial, CitizenState.Evolve);

        Assert.True(state.Exists);
        Assert.Equal(Catalan, state.Preferences);
        Assert.Equal([Phone, Dni], state.Identities);
    }
}

public class LinkingTests
{
    private static LinkIdentities Link(params ChannelIdentity[] identities) => new(CitizenId, identities, Tuesday);

    [Fact]
    public void Linking_new_identities_records_each_of_them()
    {
        Given.Citizen(Registered(), Linked(Phone))
            .When(state => LinkIdentitiesDecision.Decide(Link(Email, Telegram), state))
            .Then(Linked(Email, Tuesday), Linked(Telegram, Tuesday));
    }

    [Fact]
    public void Linking_an_identity_already_linked_changes_nothing()
    {
        Given.Citizen(Registered(), Linked(Phone), Linked(Email))
            .When(state => LinkIdentitiesDecision.Decide(Link(Email, Phone), state))
            .ThenNothingHappens();
    }

    [Fact]
    public void Only_the_identities_not_yet_linked_are_recorded()
    {
        Given.Citizen(Registered(), Linked(Phone))
            .When(state => LinkIdentitiesDecision.Decide(Link(Phone, Email, Email), state))
            .Then(Linked(Email, Tuesday));
    }

    [Fact]
    public void A_citizen_may_have_several_phones()
    {
        var second = new ChannelIdentity(Phone.Kind, "+34934021234");

        Given.Citizen(Registered(), Linked(Phone))
            .When(state => LinkIdentitiesDecision.Decide(Link(second), state))
            .Then(Linked(second, Tuesday));
    }

    [Fact]
    public void A_second_national_id_is_a_conflict()
    {
        Given.Citizen(Registered(), Linked(Dni))
            .When(state => LinkIdentitiesDecision.Decide(Link(Email, Nie), state))
            .ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void The_same_national_id_again_changes_nothing()
    {
        Given.Citizen(Registered(), Linked(Dni))
            .When(state => LinkIdentitiesDecision.Decide(Link(Dni), state))
            .ThenNothingHappens();
    }

    [Fact]
    public void Once_the_national_id_is_unlinked_another_can_be_linked()
    {
        Given.Citizen(Registered(), Linked(Dni), Unlinked(Dni))
            .When(state => LinkIdentitiesDecision.Decide(Link(Nie), state))
            .Then(Linked(Nie, Tuesday));
    }

    [Fact]
    public void An_identity_unlinked_earlier_can_be_linked_again()
    {
        Given.Citizen(Registered(), Linked(Phone), Unlinked(Phone))
            .When(state => LinkIdentitiesDecision.Decide(Link(Phone), state))
            .Then(Linked(Phone, Tuesday));
    }

    [Fact]
    public void Linking_to_an_unknown_citizen_is_not_found()
    {
        Given.Citizen()
            .When(state => LinkIdentitiesDecision.Decide(Link(Phone), state))
            .ThenRejected(RejectionKind.NotFound);
    }
}

public class UnlinkingTests
{
    private static UnlinkIdentity Unlink(ChannelIdentity identity) => new(CitizenId, identity, Tuesday);

    [Fact]
    public void Unlinking_a_linked_identity_records_it()
    {
        Given.Citizen(Registered(), Linked(Phone), Linked(Email))
            .When(state => UnlinkIdentityDecision.Decide(Unlink(Email), state))
            .Then(Unlinked(Email, Tuesday));
    }

    [Fact]
    public void Unlinking_an_identity_that_is_not_linked_is_not_found()
    {
        Given.Citizen(Registered(), Linked(Phone))
            .When(state => UnlinkIdentityDecision.Decide(Unlink(Email), state))
            .ThenRejected(RejectionKind.NotFound);
    }

    [Fact]
    public void Unlinking_the_phone_does_not_unlink_WhatsApp_on_the_same_number()
    {
        Given.Citizen(Registered(), Linked(Phone), Linked(WhatsApp))
            .When(state => UnlinkIdentityDecision.Decide(Unlink(WhatsApp), state))
            .Then(Unlinked(WhatsApp, Tuesday));

        var state = Given.Citizen(Registered(), Linked(Phone), Linked(WhatsApp), Unlinked(WhatsApp)).State;
        Assert.Equal([Phone], state.Identities);
    }

    [Fact]
    public void Unlinking_twice_is_not_found()
    {
        Given.Citizen(Registered(), Linked(Phone), Unlinked(Phone))
            .When(state => UnlinkIdentityDecision.Decide(Unlink(Phone), state))
            .ThenRejected(RejectionKind.NotFound);
    }

    [Fact]
    public void Unlinking_from_an_unknown_citizen_is_not_found()
    {
        Given.Citizen()
            .When(state => UnlinkIdentityDecision.Decide(Unlink(Phone), state))
            .ThenRejected(RejectionKind.NotFound);
    }
}

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
}

public class CitizenStateTests
{
    [Fact]
    public void A_citizen_with_no_events_does_not_exist()
    {
        var state = Given.Citizen().State;

        Assert.False(state.Exists);
        Assert.Null(state.Preferences);
        Assert.Empty(state.Identities);
    }

    [Fact]
    public void The_state_follows_links_unlinks_and_preference_changes()
    {
        var english = new CitizenPreferences("en", null, false);

        var state = Given.Citizen(Registered(), Linked(Phone), Linked(Email), Linked(Dni), Unlinked(Email),
            new PreferencesChanged(CitizenId, english, Tuesday)).State;

        Assert.True(state.Exists);
        Assert.Equal(english, state.Preferences);
        Assert.Equal([Phone, Dni], state.Identities);
    }

    [Fact]
    public void The_stream_key_is_the_citizen_id_without_hyphens()
    {
        Assert.Equal("citizen:0f6e3a432d7b4f0e8a5491c7d8e2b6aa", CitizenState.StreamKey(CitizenId));
    }
}
