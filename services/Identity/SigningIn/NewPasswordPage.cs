using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.SigningIn;

/// <summary>
/// <c>/account/new-password</c>: an account with a temporary password (made or reset by an administrator,
/// <see cref="StaffAccount.MustChangePassword"/>) chooses its own before it gets any token. The authorization endpoint
/// sends it here after the password (and the authenticator code, if any) were right, and issues the code only after.
/// </summary>
public static class NewPasswordPage
{
    public const string Path = "/account/new-password";

    private static readonly (string, string, string, string)[] Fields =
        [("newPassword", "new-password", "password", "new-password"), ("confirmPassword", "confirm-password", "password", "new-password")];

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
                Show(http, antiforgery, Pages.SafeReturnUrl(returnUrl), null, StatusCodes.Status200OK))
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityService.SignInScheme).RequireAuthenticatedUser()).ExcludeFromDescription();

        app.MapPost(Path, async (HttpContext http, IAntiforgery antiforgery, UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn) =>
        {
            if (!http.Request.HasFormContentType) return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
            var form = await http.Request.ReadFormAsync();
            var returnUrl = Pages.SafeReturnUrl(form["returnUrl"]);
            if (await users.GetUserAsync(http.User) is not { } account || account.Disabled)
                return Results.Redirect($"{LoginPage.Path}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            if (!await antiforgery.IsRequestValidAsync(http)) return Show(http, antiforgery, returnUrl, "expired", StatusCodes.Status400BadRequest);
            var password = form["newPassword"].ToString();
            if (password != form["confirmPassword"].ToString()) return Show(http, antiforgery, returnUrl, "mismatch", StatusCodes.Status400BadRequest);
            if (password.Length > 1024) return Show(http, antiforgery, returnUrl, "weak", StatusCodes.Status400BadRequest);
            foreach (var validator in users.PasswordValidators)
                if (!(await validator.ValidateAsync(users, account, password)).Succeeded) return Show(http, antiforgery, returnUrl, "weak", StatusCodes.Status400BadRequest);
            if (await users.CheckPasswordAsync(account, password)) return Show(http, antiforgery, returnUrl, "same", StatusCodes.Status400BadRequest);

            account.PasswordHash = users.PasswordHasher.HashPassword(account, password);
            account.MustChangePassword = false;
            account.SecurityStamp = Guid.NewGuid().ToString("N");
            if (!(await users.UpdateAsync(account)).Succeeded) return Show(http, antiforgery, returnUrl, "expired", StatusCodes.Status409Conflict);
            // The cookie carries the old security stamp: sign in again with the new one, then on to the code.
            await signIn.RefreshSignInAsync(account);
            return Results.Redirect(returnUrl);
        }).RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityService.SignInScheme).RequireAuthenticatedUser())
            .ExcludeFromDescription().DisableAntiforgery();
    }

    private static IResult Show(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? errorKey, int status) =>
        Pages.Form(http, antiforgery, "new-password-title", Path, returnUrl, errorKey, status,
            before: $"<p>{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(Pages.Text(Pages.Language(http.Request), "new-password-why"))}</p>", Fields);
}
