using Microsoft.AspNetCore;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Omnichannel.Identity.Accounts;
using Omnichannel.Identity.Issuing;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Omnichannel.Identity.Authorizing;

/// <summary>
/// <c>/connect/authorize</c> (OpenID Connect authorization code with PKCE; OpenIddict has already checked the client,
/// its redirect URI and the code challenge). Not signed in yet: off to the login page, which comes back here. Signed in:
/// the code is issued at once — the console is the council's own application, there is nothing to consent to.
/// Errors are the protocol's (RFC 6749 §4.1.2.1: a redirect with <c>error</c>, or OpenIddict's error page), not problem details.
/// </summary>
public static class AuthorizeEndpoint
{
    public static void Map(WebApplication app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http, UserManager<StaffAccount> users) =>
        {
            var request = http.GetOpenIddictServerRequest()
                ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
            var session = await http.AuthenticateAsync(IdentityService.SignInScheme);
            var account = session.Succeeded ? await users.GetUserAsync(session.Principal!) : null;
            if (account is null || account.Disabled || await users.IsLockedOutAsync(account))
            {
                if (request.HasPromptValue(PromptValues.None))
                    return Results.Forbid(Refusal(Errors.LoginRequired, "The user is not signed in."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
                // Back here after the login page, with the same parameters (a POSTed request comes back as a GET).
                return Results.Challenge(new AuthenticationProperties { RedirectUri = await BackHereAsync(http) }, [IdentityService.SignInScheme]);
            }

            if (account.MustChangePassword)
            {
                // A temporary password from an administrator: the person's own first, then back here for the code.
                if (request.HasPromptValue(PromptValues.None))
                    return Results.Forbid(Refusal(Errors.LoginRequired, "The user must choose a new password."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
                return Results.Redirect($"{SigningIn.NewPasswordPage.Path}?returnUrl={Uri.EscapeDataString(await BackHereAsync(http))}");
            }

            var identity = StaffClaims.ForStaff(account, request.GetScopes());
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }).ExcludeFromDescription().DisableAntiforgery();

        // Signing out of the console ends the sign-in session here too, then back to the console (a registered URI only).
        app.MapMethods("/connect/logout", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
        {
            await http.SignOutAsync(IdentityService.SignInScheme);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }).ExcludeFromDescription().DisableAntiforgery();
    }

    /// <summary>This request again, with the same parameters (a POSTed one comes back as a GET).</summary>
    private static async Task<string> BackHereAsync(HttpContext http)
    {
        var parameters = http.Request.HasFormContentType
            ? (await http.Request.ReadFormAsync()).Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value))
            : http.Request.Query.Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value));
        return http.Request.PathBase + http.Request.Path + QueryString.Create(parameters);
    }

    internal static AuthenticationProperties Refusal(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
