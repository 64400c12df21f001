using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.SigningIn;

/// <summary>
/// <c>GET /account/login?returnUrl=…</c> shows the form; <c>POST /account/login</c> checks the password. A wrong one
/// counts towards the lock-out (<c>Identity:Lockout:MaxFailedAttempts</c>, then <c>Identity:Lockout:Minutes</c>);
/// a locked account is refused even with the right password (423). An account with an authenticator goes on to the
/// code (<see cref="TotpPage"/>). Then back to the authorization endpoint, which issues the code to the console.
/// </summary>
public static class LoginPage
{
    public const string Path = "/account/login";

    private static readonly (string, string, string, string)[] Fields =
        [("username", "user", "text", "username"), ("password", "password", "password", "current-password")];

    public static void Map(WebApplication app)
    {
        // ?external=failed: back from a council's provider that refused or was cancelled (ExternalProviders).
        app.MapGet(Path, (HttpContext http, IAntiforgery antiforgery, ExternalProviders providers, string? returnUrl, string? external) =>
            Show(http, antiforgery, providers, Pages.SafeReturnUrl(returnUrl), external == "failed" ? "external-failed" : null, StatusCodes.Status200OK))
            .ExcludeFromDescription();

        app.MapPost(Path, async (HttpContext http, IAntiforgery antiforgery, ExternalProviders providers, SignInManager<StaffAccount> signIn) =>
        {
            if (!http.Request.HasFormContentType) return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
            var form = await http.Request.ReadFormAsync();
            var returnUrl = Pages.SafeReturnUrl(form["returnUrl"]);
            if (!await antiforgery.IsRequestValidAsync(http))
                return Show(http, antiforgery, providers, returnUrl, "expired", StatusCodes.Status400BadRequest);
            var user = form["username"].ToString().Trim();
            var password = form["password"].ToString();
            if (user.Length is 0 or > 256 || password.Length is 0 or > 1024)
                return Show(http, antiforgery, providers, returnUrl, "wrong", StatusCodes.Status401Unauthorized);

            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded) return Results.Redirect(returnUrl);
            if (result.RequiresTwoFactor) return Results.Redirect($"{TotpPage.Path}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            if (result.IsLockedOut)
                return Show(http, antiforgery, providers, returnUrl, "locked", StatusCodes.Status423Locked);
            return Show(http, antiforgery, providers, returnUrl, "wrong", StatusCodes.Status401Unauthorized);
        }).ExcludeFromDescription().DisableAntiforgery();
    }

    /// <summary>The form, with a "Sign in with …" button below it for each council provider configured.</summary>
    public static IResult Show(HttpContext http, IAntiforgery antiforgery, ExternalProviders providers, string returnUrl, string? errorKey, int status) =>
        Pages.Form(http, antiforgery, "title", Path, returnUrl, errorKey, status, before: "",
            after: ExternalSignIn.Buttons(http, antiforgery, providers, Pages.Language(http.Request), returnUrl), Fields);
}
