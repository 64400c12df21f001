using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.StaffConsole.Texts;

namespace Omnichannel.StaffConsole.Session;

/// <summary>Signing in and out, and the language choice: plain HTTP endpoints (the cookie is written on a full
/// request, never from the interactive circuit).</summary>
public static class AccountEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/account/signin", (string? returnUrl, HttpContext http) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = Local(http, returnUrl) }))
            .AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/account/signout", async (HttpContext http, IAntiforgery antiforgery, StaffTokens tokens) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            var idToken = await tokens.EndAsync(http.User, http.RequestAborted);
            var properties = new AuthenticationProperties { RedirectUri = $"{http.Request.PathBase}/signed-out" };
            if (idToken is not null) properties.Items["id_token"] = idToken;
            return Results.SignOut(properties, [StaffSignIn.CookieScheme, StaffSignIn.OidcScheme]);
        }).RequireAuthorization().DisableAntiforgery().ExcludeFromDescription();

        app.MapPost("/account/language", async (HttpContext http, IAntiforgery antiforgery, IDocumentStore store) =>
        {
            if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            var form = await http.Request.ReadFormAsync();
            var language = form["language"].ToString();
            if (!T.Languages.Contains(language)) return Results.BadRequest();
            Languages.Remember(http, language);
            if (http.User.FindFirst("sub")?.Value is { } subject && http.User.FindFirst(TokenIssuer.TenantClaim)?.Value is { } council)
            {
                await using var session = store.LightweightSession(council);
                session.Store(new StaffPreferences { Id = subject, Language = language });
                await session.SaveChangesAsync(http.RequestAborted);
            }
            return Results.LocalRedirect(Local(http, form["returnUrl"]));
        }).RequireAuthorization().DisableAntiforgery().ExcludeFromDescription();
    }

    /// <summary>Only a path of the console itself: never an open redirect.</summary>
    private static string Local(HttpContext http, string? returnUrl)
    {
        var root = $"{http.Request.PathBase}/";
        return returnUrl is { Length: > 0 } url && url.StartsWith(root, StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\')
            ? url : root;
    }
}
