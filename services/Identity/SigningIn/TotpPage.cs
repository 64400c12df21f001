using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.SigningIn;

/// <summary>The second step for an account with an authenticator (TOTP, RFC 6238): the password was right, and the
/// six-digit code finishes the sign-in. Wrong codes count towards the same lock-out as wrong passwords.</summary>
public static class TotpPage
{
    public const string Path = "/account/totp";

    private static readonly (string, string, string, string)[] Fields = [("code", "totp", "text", "one-time-code")];

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Pages.Form(http, antiforgery, "totp-title", Path, Pages.SafeReturnUrl(returnUrl), null, StatusCodes.Status200OK, Fields))
            .ExcludeFromDescription();

        app.MapPost(Path, async (HttpContext http, IAntiforgery antiforgery, SignInManager<StaffAccount> signIn) =>
        {
            if (!http.Request.HasFormContentType) return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
            var form = await http.Request.ReadFormAsync();
            var returnUrl = Pages.SafeReturnUrl(form["returnUrl"]);
            if (!await antiforgery.IsRequestValidAsync(http) || await signIn.GetTwoFactorAuthenticationUserAsync() is null)
                return Pages.Form(http, antiforgery, "title", LoginPage.Path, returnUrl, "expired", StatusCodes.Status400BadRequest,
                    ("username", "user", "text", "username"), ("password", "password", "password", "current-password"));
            var code = form["code"].ToString().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            var result = code.Length is > 0 and <= 10
                ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
                : SignInResult.Failed;
            if (result.Succeeded) return Results.Redirect(returnUrl);
            if (result.IsLockedOut) return Pages.Form(http, antiforgery, "title", LoginPage.Path, returnUrl, "locked", StatusCodes.Status423Locked,
                ("username", "user", "text", "username"), ("password", "password", "password", "current-password"));
            return Pages.Form(http, antiforgery, "totp-title", Path, returnUrl, "wrong-code", StatusCodes.Status401Unauthorized, Fields);
        }).ExcludeFromDescription().DisableAntiforgery();
    }
}
