using Microsoft.AspNetCore;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.Identity.Accounts;
using Omnichannel.Identity.Authorizing;
using Omnichannel.Identity.Clients;
using Microsoft.EntityFrameworkCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Omnichannel.Identity.Issuing;

/// <summary>
/// <c>POST /connect/token</c> (OpenIddict has authenticated the client and checked the grant, the code verifier, the
/// refresh token's validity and revocation):
/// <list type="bullet">
/// <item><c>client_credentials</c>: a channel app or a service gets its configured role and council;</item>
/// <item><c>authorization_code</c>, <c>refresh_token</c>: the member of staff is read again, so a locked or deleted
/// account, or a changed role or council, counts at the next refresh, not at the end of the session.</item>
/// </list>
/// Errors are RFC 6749 §5.2 JSON (<c>{"error":"invalid_grant",…}</c>), the protocol's own format, not problem details.
/// </summary>
public static class TokenEndpoint
{
    /// <summary>The extra token request parameter by which a service client (council <c>*</c>) names the council it acts for.</summary>
    public const string CouncilParameter = "tenant";

    public static void Map(WebApplication app)
    {
        app.MapPost("/connect/token", async (HttpContext http, ClientRegistrations clients, UserManager<StaffAccount> users, IdentityDb db, TimeProvider clock) =>
        {
            var request = http.GetOpenIddictServerRequest()
                ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

            if (request.IsClientCredentialsGrantType())
            {
                var client = clients.Find(request.ClientId);
                if (client is not { IsMachine: true, Role: { } role, Council: { } configured })
                    return Refuse(Errors.UnauthorizedClient, "This client may not use client credentials.");
                var council = configured;
                if (client.AnyCouncil)
                {
                    council = ((string?)request[CouncilParameter])?.Trim() is { } named && RequestContext.IsValidTenantId(named) ? named : "";
                    if (role != OmnichannelRoles.Service || council.Length == 0)
                        return Refuse(Errors.InvalidRequest, $"Name the council in the '{CouncilParameter}' parameter.");
                }
                return SignIn(StaffClaims.ForClient(client.ClientId, role, council));
            }

            if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
            {
                var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
                var account = granted.Principal?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
                if (account is null) return Refuse(Errors.InvalidGrant, "The account no longer exists.");
                if (await users.IsLockedOutAsync(account)) return Refuse(Errors.InvalidGrant, "The account is locked.");
                // Its refresh tokens were revoked when it was disabled; this also refuses one issued in between.
                if (account.Disabled) return Refuse(Errors.InvalidGrant, "The account is disabled.");
                if (request.IsAuthorizationCodeGrantType())
                {
                    // A sign-in, for the administrators' list. Straight to the row: not a change of the account (no new
                    // concurrency stamp or version, so an administrator's edit in progress is not refused for it).
                    var now = clock.GetUtcNow();
                    await db.Users.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.LastSignInAt, now), http.RequestAborted);
                }
                return SignIn(StaffClaims.ForStaff(account, granted.Principal!.GetScopes()));
            }

            return Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.");
        }).ExcludeFromDescription().DisableAntiforgery();
    }

    private static IResult SignIn(ClaimsIdentity identity) =>
        Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(AuthorizeEndpoint.Refusal(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
