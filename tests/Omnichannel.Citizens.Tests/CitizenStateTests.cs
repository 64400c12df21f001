using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.ChangingPreferences;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.LinkingIdentities;
using Omnichannel.Citizens.Registering;
using Omnichannel.Citizens.UnlinkingIdentities;
using Xunit;
using static Omnichannel.Citizens.Tests.Examples;

namespace Omnichannel.Citizens.Tests;

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
