using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.ChangingPreferences;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.LinkingIdentities;
using Omnichannel.Citizens.Registering;
using Omnichannel.Citizens.UnlinkingIdentities;
using Xunit;
using static Omnichannel.Citizens.Tests.Examples;

namespace Omnichannel.Citizens.Tests.LinkingIdentities;

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
