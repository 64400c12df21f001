using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.ChangingPreferences;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.LinkingIdentities;
using Omnichannel.Citizens.Registering;
using Omnichannel.Citizens.UnlinkingIdentities;
using Xunit;
using static Omnichannel.Citizens.Tests.Examples;

namespace Omnichannel.Citizens.Tests.Registering;

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
