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
        app.MapGet(Path, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Pages.Form(http, antiforgery, "title", Path, Pages.SafeReturnUrl(returnUrl), null, StatusCodes.Status200OK, Fields))
            .ExcludeFromDescription();

        app.MapPost(Path, async (HttpContext http, IAntiforgery antiforgery, SignInManager<StaffAccount> signIn) =>
        {
            if (!http.Request.HasFormContentType) return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
            var form = await http.Request.ReadFormAsync();
            var returnUrl = Pages.SafeReturnUrl(form["returnUrl"]);
            if (!await antiforgery.IsRequestValidAsync(http))
                return Pages.Form(http, antiforgery, "title", Path, returnUrl, "expired", StatusCodes.Status400BadRequest, Fields);
            var user = form["username"].ToString().Trim();
            var password = form["password"].ToString();
            if (user.Length is 0 or > 256 || password.Length is 0 or > 1024)
                return Pages.Form(http, antiforgery, "title", Path, returnUrl, "wrong", StatusCodes.Status401Unauthorized, Fields);

            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded) return Results.Redirect(returnUrl);
            if (result.RequiresTwoFactor) return Results.Redirect($"{TotpPage.Path}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            if (result.IsLockedOut)
                return Pages.Form(http, antiforgery, "title", Path, returnUrl, "locked", StatusCodes.Status423Locked, Fields);
            return Pages.Form(http, antiforgery, "title", Path, returnUrl, "wrong", StatusCodes.Status401Unauthorized, Fields);
        }).ExcludeFromDescription().DisableAntiforgery();
    }
}
