using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.SigningIn;

/// <summary>
/// A signed-in member of staff turns on TOTP for their own account: <c>GET /account/authenticator</c> shows a new key
/// (and the <c>otpauth://</c> URI an authenticator app takes), <c>POST</c> with a code from the app proves it was added
/// and turns two-factor sign-in on. A wrong code changes nothing. Signed out: off to the login page, back here after.
/// </summary>
public static class AuthenticatorPage
{
    public const string Path = "/account/authenticator";

    private static readonly (string, string, string, string)[] Fields = [("code", "totp", "text", "one-time-code")];

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, async (HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users) =>
        {
            if (await users.GetUserAsync(http.User) is not { } account) return SignInFirst();
            // A new key each time the page is opened until a code proves it: a key shown once and abandoned is never used.
            await users.ResetAuthenticatorKeyAsync(account);
            return Page(http, antiforgery, (await users.GetAuthenticatorKeyAsync(account))!, account, null, StatusCodes.Status200OK);
        }).RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityService.SignInScheme).RequireAuthenticatedUser()).ExcludeFromDescription();

        app.MapPost(Path, async (HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users) =>
        {
            if (await users.GetUserAsync(http.User) is not { } account) return SignInFirst();
            if (!http.Request.HasFormContentType) return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
            var key = await users.GetAuthenticatorKeyAsync(account);
            if (!await antiforgery.IsRequestValidAsync(http) || key is null)
                return Page(http, antiforgery, key ?? "", account, "expired", StatusCodes.Status400BadRequest);
            var code = (await http.Request.ReadFormAsync())["code"].ToString().Replace(" ", "", StringComparison.Ordinal);
            if (code.Length is 0 or > 10 || !await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
                return Page(http, antiforgery, key, account, "wrong-code", StatusCodes.Status400BadRequest);
            await users.SetTwoFactorEnabledAsync(account, true);
            return Results.Content("<!doctype html><html><head><meta charset=\"utf-8\"><title>OK</title></head><body><main><p role=\"status\">OK</p></main></body></html>",
                "text/html; charset=utf-8");
        }).RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityService.SignInScheme).RequireAuthenticatedUser()).ExcludeFromDescription().DisableAntiforgery();
    }

    private static IResult SignInFirst() => Results.Redirect($"{LoginPage.Path}?returnUrl={Uri.EscapeDataString(Path)}");

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string key, StaffAccount account, string? error, int status)
    {
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Omnichannel:" + account.UserName)}?secret={key}&issuer=Omnichannel&digits=6";
        // The key and its URI above the form (a QR code is the console's to draw).
        var shown = $"<p><code id=\"key\">{HtmlEncoder.Default.Encode(key)}</code><br><code id=\"uri\">{HtmlEncoder.Default.Encode(uri)}</code></p>";
        return Pages.Form(http, antiforgery, "totp-title", Path, Path, error, status, shown, Fields);
    }
}
