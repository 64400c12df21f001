using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.Identity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Omnichannel.Identity.Issuing;

/// <summary>
/// What a token says, in the claims the platform's policies already read (<see cref="TokenIssuer"/>): <c>sub</c>,
/// <c>role</c> and <c>tenant</c>. A member of staff gets role <c>staff</c> (every staff route) and their finer role
/// (agent, supervisor, back-office, administrator) as a second <c>role</c>; a machine client its configured role.
/// Audience <c>omnichannel</c>, the one the gateway and services check.
/// </summary>
public static class StaffClaims
{
    public const string Audience = "omnichannel";

    public static ClaimsIdentity ForStaff(StaffAccount account, IEnumerable<string> scopes)
    {
        var identity = New();
        identity.SetClaim(Claims.Subject, account.Id)
            .SetClaim(Claims.Name, account.UserName)
            .SetClaim(Claims.PreferredUsername, account.UserName)
            .SetClaim(TokenIssuer.TenantClaim, account.Council)
            .SetClaims(Claims.Role, [OmnichannelRoles.Staff, account.StaffRole]);
        identity.SetScopes(scopes);
        return Finish(identity);
    }

    public static ClaimsIdentity ForClient(string clientId, string role, string council)
    {
        var identity = New();
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(TokenIssuer.TenantClaim, council)
            .SetClaims(Claims.Role, [role]);
        return Finish(identity);
    }

    private static ClaimsIdentity New() =>
        new(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);

    private static ClaimsIdentity Finish(ClaimsIdentity identity)
    {
        identity.SetResources(Audience);
        // Every claim here is for the gateway and the services (access token); the console also sees who signed in
        // (identity token). Nothing else is in a token.
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject or Claims.Name or Claims.PreferredUsername or Claims.Role or TokenIssuer.TenantClaim
                => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }
}
