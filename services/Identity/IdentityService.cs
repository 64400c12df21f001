using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Omnichannel.BuildingBlocks;
using Omnichannel.BuildingBlocks.Health;
using Omnichannel.Identity.Accounts;
using Omnichannel.Identity.Administering;
using Omnichannel.Identity.Clients;
using Omnichannel.Identity.Keys;

namespace Omnichannel.Identity;

/// <summary>How the identity service plugs into the building blocks, and its own parts: ASP.NET Core Identity for staff
/// accounts, OpenIddict as the OpenID Connect server (authorization code + PKCE for the console, client credentials for
/// channel apps and services, refresh and revocation), both on EF Core in the schema <c>identity</c>.</summary>
public static class IdentityService
{
    public static readonly ServiceSetup Setup = new()
    {
        Name = "identity",
        Assembly = typeof(IdentityService).Assembly,
        // Staff accounts disabled or enabled again, for every service's token validation.
        IntegrationEvents = typeof(Administering.TellingStaffAccess.IntegrationEvents),
    };

    /// <summary>The sign-in cookie of the login page; it only ever reaches this service's own pages and the authorization endpoint.</summary>
    public const string SignInScheme = "Identity.Application";

    public static WebApplicationBuilder AddIdentityServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var connectionString = configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set.");

        services.AddDbContext<IdentityDb>(options =>
        {
            options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", IdentityDb.Schema));
            options.UseOpenIddict();
        });

        var external = SigningIn.ExternalProviders.Read(configuration);
        services.AddSingleton(external);
        var authentication = services.AddAuthentication();
        external.AddHandlers(authentication, configuration);
        authentication.AddIdentityCookies(cookies =>
        {
            cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/account/login";
                o.Cookie.Name = "omni.identity";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(configuration.GetValue("Identity:SessionHours", 10));
                // A relative redirect: behind the gateway this service sees its own internal host, not the browser's.
                o.Events.OnRedirectToLogin = context =>
                {
                    context.Response.Redirect($"{context.Request.PathBase}{o.LoginPath}?returnUrl={Uri.EscapeDataString(context.Properties.RedirectUri ?? "/")}");
                    return Task.CompletedTask;
                };
            });
        });
        services.AddIdentityCore<StaffAccount>(o =>
            {
                // Length, not character classes (NIST SP 800-63B): a long passphrase is better than "Passw0rd!".
                o.Password.RequiredLength = configuration.GetValue("Identity:Password:MinimumLength", 12);
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Identity:Lockout:MaxFailedAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Identity:Lockout:Minutes", 15));
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
            })
            .AddEntityFrameworkStores<IdentityDb>()
            .AddSignInManager<StaffSignInManager>()
            .AddDefaultTokenProviders();
        services.AddAntiforgery(o => o.Cookie.Name = "omni.identity.af");

        var signingKeys = SigningKeys.Read(configuration);
        var encryptionKey = SigningKeys.EncryptionKey(configuration);
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetEndSessionEndpointUris("connect/logout");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                o.RegisterScopes(OpenIddict.Abstractions.OpenIddictConstants.Scopes.Profile, OpenIddict.Abstractions.OpenIddictConstants.Scopes.Roles);
                if (configuration["Identity:Issuer"] is { Length: > 0 } issuer) o.SetIssuer(new Uri(issuer));
                o.SetAccessTokenLifetime(TimeSpan.FromMinutes(configuration.GetValue("Identity:AccessTokenMinutes", 15)));
                o.SetRefreshTokenLifetime(TimeSpan.FromHours(configuration.GetValue("Identity:RefreshTokenHours", 10)));
                // The first key signs; all are published in the JWKS (rotation: see SigningKeys).
                foreach (var key in signingKeys) o.AddSigningKey(key);
                o.AddEncryptionKey(encryptionKey);
                // Access tokens are read by the gateway and the services (JWT validated by the published keys), so
                // they are signed, not encrypted; codes and refresh tokens stay encrypted (only this service reads them).
                o.DisableAccessTokenEncryption();
                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                // TLS ends at the ingress in front of the gateway; inside, and on the local run, it is plain HTTP.
                if (!configuration.GetValue("Identity:RequireHttps", false)) aspNetCore.DisableTransportSecurityRequirement();
            });

        services.AddStaffAdministration();
        services.AddSingleton<ClientRegistrations>();
        services.AddSingleton<IdentityStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<IdentityStartup>());
        services.AddHealthChecks().AddCheck<IdentityStartup>("identity-store", tags: [HealthSetup.ReadyTag]);
        return builder;
    }

    public static WebApplication MapIdentityEndpoints(this WebApplication app)
    {
        SigningIn.LoginPage.Map(app);
        SigningIn.TotpPage.Map(app);
        SigningIn.NewPasswordPage.Map(app);
        SigningIn.AuthenticatorPage.Map(app);
        SigningIn.ExternalSignIn.Map(app);
        Authorizing.AuthorizeEndpoint.Map(app);
        Issuing.TokenEndpoint.Map(app);
        app.MapStaffAdministration();
        return app;
    }
}
