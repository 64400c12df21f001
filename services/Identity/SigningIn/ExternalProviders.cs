using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.SigningIn;

/// <summary>
/// A council's own OpenID Connect provider (Entra ID, Keycloak, the regional government's), configured under
/// <c>Identity:External:&lt;key&gt;</c>: the login page shows "Sign in with …" for it, and its answer becomes a local staff
/// session whose role and council come from the provider's claims through the mapping below — so the tokens the
/// platform sees stay this service's own. Only mapped values count: an external account reaches nothing until an
/// administrator writes a mapping for its group.
/// </summary>
/// <param name="Key">Letters and digits (the configuration key), in the scheme's name and the callback path.</param>
/// <param name="Council">The one council this provider signs staff in for; when empty, <paramref name="CouncilClaim"/>
/// mapped through <paramref name="Councils"/>.</param>
public sealed record ExternalProvider(string Key, string DisplayName, string RoleClaim, IReadOnlyDictionary<string, string> Roles,
    string? Council, string CouncilClaim, IReadOnlyDictionary<string, string> Councils)
{
    public string Scheme => $"external-{Key}";
    public string CallbackPath => $"/account/external/{Key}/callback";

    /// <summary>The most trusted of the mapped roles (several groups may map), or null when none maps.</summary>
    public string? RoleOf(ClaimsPrincipal principal)
    {
        var mapped = Values(principal, RoleClaim).Select(v => Roles.GetValueOrDefault(v)).Where(StaffRoles.All.Contains).ToHashSet();
        return Precedence.FirstOrDefault(mapped.Contains);
    }

    public string? CouncilOf(ClaimsPrincipal principal) =>
        Council is { Length: > 0 } fixedCouncil ? fixedCouncil
        : Values(principal, CouncilClaim).Select(v => Councils.GetValueOrDefault(v)).FirstOrDefault(c => c is { Length: > 0 });

    private static readonly string[] Precedence =
        [StaffRoles.Administrator, StaffRoles.DataProtectionOfficer, StaffRoles.Supervisor, StaffRoles.BackOffice, StaffRoles.Agent];

    /// <summary>A claim's values, whether the provider sends one claim per value or a JSON array in one.</summary>
    private static IEnumerable<string> Values(ClaimsPrincipal principal, string type) =>
        principal.FindAll(type).SelectMany(c => c.Value.StartsWith('[')
            ? System.Text.Json.JsonSerializer.Deserialize<string[]>(c.Value) ?? []
            : [c.Value]);
}

public sealed class ExternalProviders(IReadOnlyList<ExternalProvider> all)
{
    public const string Section = "Identity:External";

    public IReadOnlyList<ExternalProvider> All { get; } = all;

    public ExternalProvider? Find(string key) => All.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.Ordinal));

    public static ExternalProviders Read(IConfiguration configuration) => new(configuration.GetSection(Section).GetChildren()
        .Where(p => p["Authority"] is { Length: > 0 })
        .Select(p =>
        {
            if (!p.Key.All(char.IsAsciiLetterOrDigit)) throw new InvalidOperationException($"{Section}:{p.Key}: the key is letters and digits only.");
            static IReadOnlyDictionary<string, string> Map(IConfigurationSection s) =>
                s.GetChildren().Where(c => c.Value is { Length: > 0 }).ToDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal);
            var roles = Map(p.GetSection("Claims:Roles"));
            foreach (var (theirs, ours) in roles)
                if (!StaffRoles.All.Contains(ours))
                    throw new InvalidOperationException($"{Section}:{p.Key}:Claims:Roles:{theirs} = '{ours}' is not a staff role ({string.Join(", ", StaffRoles.All)}).");
            return new ExternalProvider(p.Key, p["DisplayName"] is { Length: > 0 } name ? name : p.Key,
                p["Claims:Role"] ?? "roles", roles, p["Council"], p["Claims:Council"] ?? "council", Map(p.GetSection("Claims:Councils")));
        }).ToList());

    /// <summary>One OpenID Connect handler per provider: code flow with PKCE, the answer kept in ASP.NET Core Identity's
    /// external cookie until <see cref="ExternalSignIn"/> turns it into a staff session.</summary>
    public void AddHandlers(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        foreach (var provider in All)
        {
            var section = configuration.GetSection($"{Section}:{provider.Key}");
            authentication.AddOpenIdConnect(provider.Scheme, provider.DisplayName, o =>
            {
                o.SignInScheme = Microsoft.AspNetCore.Identity.IdentityConstants.ExternalScheme;
                o.Authority = section["Authority"];
                if (section["MetadataAddress"] is { Length: > 0 } metadata) o.MetadataAddress = metadata;
                o.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true);
                o.ClientId = section["ClientId"] ?? throw new InvalidOperationException($"{Section}:{provider.Key}:ClientId is not set.");
                o.ClientSecret = section["ClientSecret"];
                o.ResponseType = "code";
                o.ResponseMode = "query";
                o.UsePkce = true;
                o.Scope.Clear();
                foreach (var scope in section.GetSection("Scopes").Get<string[]>() is { Length: > 0 } scopes ? scopes : ["openid", "profile"]) o.Scope.Add(scope);
                o.MapInboundClaims = false; // the claims as the provider names them: the mapping speaks its language
                o.GetClaimsFromUserInfoEndpoint = section.GetValue("UserInfo", false);
                o.SaveTokens = false; // its tokens are not ours to keep
                o.CallbackPath = provider.CallbackPath;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                // The browser comes through the gateway: the provider must send it back there, not to this service's
                // internal address (the same redirect URI is then used to redeem the code).
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    context.ProtocolMessage.RedirectUri = ExternalSignIn.BrowserOrigin(context.Request) + provider.CallbackPath;
                    return Task.CompletedTask;
                };
                // A refusal or a cancel at the provider: back to the login form with a message, not an error page.
                o.Events.OnRemoteFailure = context =>
                {
                    var returnUrl = context.Properties?.Items.TryGetValue(ExternalSignIn.ReturnUrlItem, out var url) == true ? url : null;
                    context.Response.Redirect($"{LoginPage.Path}?external=failed&returnUrl={Uri.EscapeDataString(Pages.SafeReturnUrl(returnUrl))}");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }
    }
}
