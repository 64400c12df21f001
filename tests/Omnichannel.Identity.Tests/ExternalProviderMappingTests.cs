using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Omnichannel.Identity.Accounts;
using Omnichannel.Identity.SigningIn;

namespace Omnichannel.Identity.Tests;

/// <summary>The claim mapping of a council's provider at the login page (<see cref="ExternalProviders"/>), read from
/// configuration as an operator writes it: only mapped values count, the most trusted mapped role wins, a provider
/// may serve one fixed council, and a mapping to something that is not a staff role stops the service at start.</summary>
public sealed class ExternalProviderMappingTests
{
    private static ExternalProviders Read(params (string Key, string Value)[] settings) =>
        ExternalProviders.Read(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "external"));

    private static readonly (string, string)[] Keycloak =
    [
        ("Identity:External:keycloak:Authority", "https://sso.example/realms/mataro"),
        ("Identity:External:keycloak:ClientId", "omnichannel"),
        ("Identity:External:keycloak:DisplayName", "Keycloak"),
        ("Identity:External:keycloak:Claims:Role", "groups"),
        ("Identity:External:keycloak:Claims:Roles:oac-agents", "agent"),
        ("Identity:External:keycloak:Claims:Roles:oac-caps", "supervisor"),
        ("Identity:External:keycloak:Claims:Council", "council"),
        ("Identity:External:keycloak:Claims:Councils:08121", "mataro"),
    ];

    [Fact]
    public void Mapped_groups_and_council_become_a_staff_role_and_council_the_most_trusted_role_winning()
    {
        var provider = Read(Keycloak).Find("keycloak")!;
        var both = Principal(("groups", "oac-agents"), ("groups", "oac-caps"), ("groups", "unrelated"), ("council", "08121"));
        Assert.Equal((StaffRoles.Supervisor, "mataro"), (provider.RoleOf(both), provider.CouncilOf(both)));
        // One claim holding a JSON array, as some providers send groups.
        Assert.Equal(StaffRoles.Agent, provider.RoleOf(Principal(("groups", "[\"oac-agents\",\"other\"]"))));
    }

    [Fact]
    public void Unmapped_groups_or_councils_give_nothing()
    {
        var provider = Read(Keycloak).Find("keycloak")!;
        var stranger = Principal(("groups", "agent"), ("council", "mataro"));
        Assert.Null(provider.RoleOf(stranger));
        Assert.Null(provider.CouncilOf(stranger));
    }

    [Fact]
    public void A_provider_of_one_council_names_it_whatever_the_claims_say()
    {
        var provider = Read([.. Keycloak, ("Identity:External:keycloak:Council", "mataro")]).Find("keycloak")!;
        Assert.Equal("mataro", provider.CouncilOf(Principal(("council", "somewhere-else"))));
    }

    [Fact]
    public void A_provider_without_an_authority_is_not_offered_and_a_mapping_to_no_staff_role_stops_the_start()
    {
        Assert.Empty(Read(("Identity:External:half:ClientId", "x")).All);
        var wrong = Assert.Throws<InvalidOperationException>(() => Read([.. Keycloak, ("Identity:External:keycloak:Claims:Roles:admins", "root")]));
        Assert.Contains("Claims:Roles:admins", wrong.Message);
    }
}
