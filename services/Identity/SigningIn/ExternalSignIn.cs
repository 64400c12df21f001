using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.SigningIn;

/// <summary>
/// Signing in with a council's own provider (<see cref="ExternalProviders"/>):
/// <c>POST /account/external/{key}</c> (the login page's "Sign in with …" button, with its antiforgery token) goes to the
/// provider; its answer comes back to the handler's callback and then to <c>GET /account/external/{key}/done</c>, which
/// maps role and council, keeps one local account per external subject (created at its first sign-in, its role and
/// council set again from the provider at every sign-in), and signs it in as the login form would: back to the
/// authorization endpoint, which issues the console its code as for any member of staff. A locked account stays out.
/// </summary>
public static class ExternalSignIn
{
    public const string ReturnUrlItem = "returnUrl";

    public static void Map(WebApplication app)
    {
        app.MapPost("/account/external/{key}", async (string key, HttpContext http, IAntiforgery antiforgery, ExternalProviders providers) =>
        {
            if (providers.Find(key) is not { } provider) return Results.NotFound();
            if (!http.Request.HasFormContentType) return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
            var form = await http.Request.ReadFormAsync();
            var returnUrl = Pages.SafeReturnUrl(form["returnUrl"]);
            if (!await antiforgery.IsRequestValidAsync(http))
                return LoginPage.Show(http, antiforgery, providers, returnUrl, "expired", StatusCodes.Status400BadRequest);
            var properties = new AuthenticationProperties { RedirectUri = $"/account/external/{provider.Key}/done?returnUrl={Uri.EscapeDataString(returnUrl)}" };
            properties.Items[ReturnUrlItem] = returnUrl;
            return Results.Challenge(properties, [provider.Scheme]);
        }).ExcludeFromDescription().DisableAntiforgery();

        app.MapGet("/account/external/{key}/done", async (string key, string? returnUrl, HttpContext http, IAntiforgery antiforgery,
            ExternalProviders providers, UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn, ILoggerFactory logs) =>
        {
            var back = Pages.SafeReturnUrl(returnUrl);
            if (providers.Find(key) is not { } provider) return Results.NotFound();
            var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            var subject = external.Principal?.FindFirst("sub")?.Value ?? external.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
            if (!external.Succeeded || subject is null)
                return LoginPage.Show(http, antiforgery, providers, back, "external-failed", StatusCodes.Status401Unauthorized);

            var role = provider.RoleOf(external.Principal!);
            var council = provider.CouncilOf(external.Principal!);
            var log = logs.CreateLogger(typeof(ExternalSignIn));
            if (role is null || council is null)
            {
                // Which mapping is missing, never who (no personal data in logs).
                log.LogWarning("External sign-in with {Provider} refused: no mapped {Missing}", provider.Key, role is null ? "role" : "council");
                return LoginPage.Show(http, antiforgery, providers, back, "external-refused", StatusCodes.Status403Forbidden);
            }

            var account = await users.FindByLoginAsync(provider.Scheme, subject);
            if (account is null)
            {
                account = new StaffAccount { UserName = UserNameFor(provider, subject), Council = council, StaffRole = role, LockoutEnabled = true };
                var created = await users.CreateAsync(account);
                if (created.Succeeded) created = await users.AddLoginAsync(account, new UserLoginInfo(provider.Scheme, subject, provider.DisplayName));
                if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Code)));
                log.LogInformation("Staff account {Account} created at its first sign-in with {Provider}", account.Id, provider.Key);
            }
            else if (account.Council != council || account.StaffRole != role)
            {
                // The council's provider is where roles are given and taken away: follow it at each sign-in.
                account.Council = council;
                account.StaffRole = role;
                var updated = await users.UpdateAsync(account);
                if (!updated.Succeeded) throw new InvalidOperationException(string.Join("; ", updated.Errors.Select(e => e.Code)));
            }
            if (await users.IsLockedOutAsync(account))
                return LoginPage.Show(http, antiforgery, providers, back, "locked", StatusCodes.Status423Locked);
            // Disabled by an administrator here: the council's provider does not switch it on again.
            if (account.Disabled)
                return LoginPage.Show(http, antiforgery, providers, back, "disabled", StatusCodes.Status403Forbidden);

            await signIn.SignInAsync(account, isPersistent: false, authenticationMethod: provider.Scheme);
            return Results.Redirect(back);
        }).ExcludeFromDescription();
    }

    /// <summary>"&lt;key&gt;.&lt;subject&gt;" in the characters a user name may have (the subject is the provider's opaque id).</summary>
    private static string UserNameFor(ExternalProvider provider, string subject)
    {
        var safe = new string(subject.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_').ToArray());
        var name = $"{provider.Key}.{safe}";
        return name.Length <= 200 ? name : name[..200];
    }

    /// <summary>The browser's origin: the gateway's <c>X-Forwarded-Host</c>/<c>-Proto</c> when it forwarded the request
    /// (the gateway sets them), else the request's own.</summary>
    public static string BrowserOrigin(HttpRequest request)
    {
        var host = request.Headers["X-Forwarded-Host"].ToString().Split(',')[0].Trim();
        var scheme = request.Headers["X-Forwarded-Proto"].ToString().Split(',')[0].Trim();
        return $"{(scheme is "http" or "https" ? scheme : request.Scheme)}://{(host.Length > 0 ? host : request.Host.Value)}";
    }

    /// <summary>The login page's buttons, one per provider, each a form with the antiforgery token.</summary>
    public static string Buttons(HttpContext http, IAntiforgery antiforgery, ExternalProviders providers, string language, string returnUrl)
    {
        if (providers.All.Count == 0) return "";
        var tokens = antiforgery.GetAndStoreTokens(http);
        var e = HtmlEncoder.Default;
        var forms = string.Concat(providers.All.Select(p => $"""
            <form method="post" action="/account/external/{e.Encode(p.Key)}">
            <input type="hidden" name="{e.Encode(tokens.FormFieldName)}" value="{e.Encode(tokens.RequestToken ?? "")}">
            <input type="hidden" name="returnUrl" value="{e.Encode(returnUrl)}">
            <p><button type="submit" id="external-{e.Encode(p.Key)}">{e.Encode(string.Format(Pages.Text(language, "external"), p.DisplayName))}</button></p>
            </form>
            """));
        return $"""
            <section aria-labelledby="external-title"><h2 id="external-title">{e.Encode(Pages.Text(language, "external-title"))}</h2>
            {forms}
            </section>
            """;
    }
}
