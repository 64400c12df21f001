using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Localization;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.StaffConsole.Session;

/// <summary>
/// Staff sign in at the identity service with the authorization code flow and PKCE, as a confidential client
/// (<c>Identity:Clients:console:Secret</c>, the same secret the identity service registers). The browser gets one
/// HttpOnly cookie naming the session; the tokens stay in <see cref="StaffTokens"/>. The identity service's pages are
/// reached through the gateway on the browser's own origin; metadata and tokens are fetched from it directly.
/// </summary>
public static class StaffSignIn
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = "oidc";

    /// <summary>Browsers come with the session cookie; the platform's own services call the console's gRPC port (the
    /// data-rights export) with a bearer service token, checked as on every other service.</summary>
    public const string CookieOrBearerScheme = "cookie-or-bearer";

    /// <summary>The finer staff roles the identity service puts in the token beside <c>staff</c>.</summary>
    public const string Agent = "agent", Supervisor = "supervisor", BackOffice = "back-office", Administrator = "administrator";

    /// <summary>Who may open which screen; the navigation shows only what the policies allow.</summary>
    public const string DeskPolicy = "console-desk", PhonePolicy = "console-phone", BoardPolicy = "console-board",
        CasesPolicy = "console-cases", AdministrationPolicy = "console-administration";

    public static IServiceCollection AddStaffSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var pathBase = configuration["Console:PathBase"] ?? "/console";
        var authority = configuration["Console:Authority"] is { Length: > 0 } own ? own : configuration["Auth:Authority"];
        // Without an identity service (a platform validating only the shared key, as the end-to-end tests' is) the
        // console still starts and answers its health checks; nobody can sign in, and a page says so.
        var signsIn = !string.IsNullOrWhiteSpace(authority);
        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieScheme;
                o.DefaultAuthenticateScheme = CookieOrBearerScheme;
                o.DefaultChallengeScheme = signsIn ? OidcScheme : CookieScheme;
                o.DefaultForbidScheme = CookieScheme;
                o.DefaultSignOutScheme = CookieScheme;
            })
            .AddPolicyScheme(CookieOrBearerScheme, CookieOrBearerScheme, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "omni.console";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(configuration.GetValue("Console:SessionHours", 10));
                o.SlidingExpiration = true;
                o.AccessDeniedPath = "/forbidden";
                o.LoginPath = "/signed-out";
                // A cookie whose session was ended (signed out, refresh refused) no longer signs anyone in.
                o.Events.OnValidatePrincipal = async context =>
                {
                    var tokens = context.HttpContext.RequestServices.GetRequiredService<StaffTokens>();
                    if (context.Principal is null || !await tokens.IsActiveAsync(context.Principal, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieScheme);
                    }
                };
            });
        if (signsIn)
            authentication.AddOpenIdConnect(OidcScheme, o =>
            {
                o.Authority = authority;
                o.RequireHttpsMetadata = configuration.GetValue("Auth:RequireHttpsMetadata", true);
                o.ClientId = configuration["Console:ClientId"] ?? "console";
                o.ClientSecret = configuration["Identity:Clients:console:Secret"];
                o.ResponseType = "code";
                o.ResponseMode = "query";
                o.UsePkce = true;
                o.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "roles", "offline_access" }) o.Scope.Add(scope);
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.SaveTokens = false; // kept by StaffTokens, never in the cookie
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = TokenIssuer.RoleClaim;
                o.CallbackPath = "/signin-oidc";
                o.SignedOutCallbackPath = "/signout-callback-oidc";
                o.SignedOutRedirectUri = pathBase + "/signed-out";
                // Plain HTTP behind the ingress and on the local run: the correlation and nonce cookies follow the request.
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    context.ProtocolMessage.IssuerAddress = OnBrowsersOrigin(context.Request, context.ProtocolMessage.IssuerAddress);
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToIdentityProviderForSignOut = context =>
                {
                    context.ProtocolMessage.IssuerAddress = OnBrowsersOrigin(context.Request, context.ProtocolMessage.IssuerAddress);
                    context.ProtocolMessage.ClientId = context.Options.ClientId;
                    if (context.Properties.Items.TryGetValue("id_token", out var idToken) && idToken is not null) context.ProtocolMessage.IdTokenHint = idToken;
                    return Task.CompletedTask;
                };
                o.Events.OnTokenValidated = StartSessionAsync;
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(DeskPolicy, p => p.RequireAuthenticatedUser().RequireRole(Agent, Supervisor, Administrator))
            .AddPolicy(PhonePolicy, p => p.RequireAuthenticatedUser().RequireRole(Agent, Supervisor, Administrator))
            .AddPolicy(BoardPolicy, p => p.RequireAuthenticatedUser().RequireRole(Supervisor, Administrator))
            .AddPolicy(CasesPolicy, p => p.RequireAuthenticatedUser().RequireRole(BackOffice, Supervisor, Administrator))
            .AddPolicy(AdministrationPolicy, p => p.RequireAuthenticatedUser().RequireRole(Administrator));
        return services;
    }

    /// <summary>The identity service's endpoint as the browser reaches it: through the gateway, on the console's own origin.</summary>
    private static string OnBrowsersOrigin(HttpRequest request, string address) =>
        $"{request.Scheme}://{request.Host}{new Uri(address).PathAndQuery}";

    /// <summary>The code was exchanged: keep the tokens here, give the cookie only the session's id, and set the
    /// language the member of staff chose last time.</summary>
    private static async Task StartSessionAsync(TokenValidatedContext context)
    {
        var response = context.TokenEndpointResponse;
        var identity = context.Principal?.Identity as ClaimsIdentity;
        var council = identity?.FindFirst(TokenIssuer.TenantClaim)?.Value;
        var subject = identity?.FindFirst("sub")?.Value;
        if (response?.AccessToken is null || identity is null || council is null || subject is null)
        {
            context.Fail("The identity service's answer lacks a token, a council or a subject.");
            return;
        }
        var services = context.HttpContext.RequestServices;
        var ct = context.HttpContext.RequestAborted;
        var id = await services.GetRequiredService<StaffTokens>().StartAsync(council, subject, response.AccessToken, response.RefreshToken, response.IdToken,
            int.TryParse(response.ExpiresIn, out var seconds) ? seconds : null, ct);
        identity.AddClaim(new Claim(StaffTokens.SessionClaim, id));

        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession(council);
        var language = (await session.LoadAsync<StaffPreferences>(subject, ct))?.Language;
        if (language is not null) Languages.Remember(context.HttpContext, language);
    }
}

public static class Languages
{
    public static void Remember(HttpContext http, string language) =>
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
}
