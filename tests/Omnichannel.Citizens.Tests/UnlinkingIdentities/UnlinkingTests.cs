using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.ChangingPreferences;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.LinkingIdentities;
using Omnichannel.Citizens.Registering;
using Omnichannel.Citizens.UnlinkingIdentities;
using Xunit;
using static Omnichannel.Citizens.Tests.Examples;

namespace Omnichannel.Citizens.Tests.UnlinkingIdentities;

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
    public void An_email_linked_before_addresses_ignored_case_is_unlinked_by_its_address_in_any_case()
    {
        var storedWithItsCase = new ChannelIdentityLinked(CitizenId, IdentityKinds.Email, "Maria.Garcia@example.com", Monday);
        var typedNow = ChannelIdentityRules.Normalize(IdentityKinds.Email, "MARIA.GARCIA@Example.com", "value", Keys);

        Given.Citizen(Registered(), storedWithItsCase)
            .When(state => UnlinkIdentityDecision.Decide(Unlink(typedNow), state))
            .Then(Unlinked(new ChannelIdentity(IdentityKinds.Email, "maria.garcia@example.com"), Tuesday));
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
