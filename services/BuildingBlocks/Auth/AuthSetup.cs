using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Omnichannel.BuildingBlocks.Auth;

public static class AuthSetup
{
    /// <summary>Bearer tokens validated by the authority's published keys (<c>Auth:Authority</c>, JWKS) and/or the
    /// platform's key (<c>Auth:SigningKey</c>); at least one must be configured. The "staff" policy needs the staff
    /// role, "any-client" staff or a channel app. The gateway and the services check the same token.</summary>
    public static IServiceCollection AddTokenAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
        // Without an authority the platform key is required (Key() says what is missing); with one it is optional.
        SymmetricSecurityKey? key = settings.UsesAuthority && !settings.HasSigningKey ? null : settings.Key();
        services.AddSingleton(settings);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuers = [settings.Issuer, .. settings.ValidIssuers],
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = key,
                    RoleClaimType = TokenIssuer.RoleClaim,
                    NameClaimType = "sub",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                if (settings.UsesAuthority)
                {
                    // The authority's metadata and keys, cached and read again on a timer and whenever a token names a
                    // key not seen yet: a rotation (new key published, then signing) needs no restart anywhere.
                    if (!string.IsNullOrWhiteSpace(settings.Authority)) options.Authority = settings.Authority;
                    if (!string.IsNullOrWhiteSpace(settings.MetadataAddress)) options.MetadataAddress = settings.MetadataAddress;
                    options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                    options.AutomaticRefreshInterval = TimeSpan.FromMinutes(settings.MetadataRefreshMinutes);
                    options.RefreshInterval = TimeSpan.FromSeconds(settings.MetadataMinimumRefreshSeconds);
                    options.RefreshOnIssuerKeyNotFound = true;
                }
                options.Events = new JwtBearerEvents();
                if (settings.UsesAuthority)
                {
                    var keys = new NewKeyWait(TimeSpan.FromSeconds(settings.MetadataMinimumRefreshSeconds));
                    options.Events.OnMessageReceived = keys.BeforeValidationAsync;
                }
                options.Events.OnTokenValidated = async context =>
                {
                    if (!settings.Claims.IsEmpty) await MapClaims(context, settings.Claims);
                    RefuseWithdrawnAccess(context);
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(OmnichannelRoles.StaffPolicy, p => p.RequireAuthenticatedUser().RequireRole(OmnichannelRoles.Staff))
            .AddPolicy(OmnichannelRoles.DataProtectionPolicy, p => p.RequireAuthenticatedUser().RequireRole(OmnichannelRoles.Staff).RequireRole(OmnichannelRoles.DataProtectionOfficer))
            .AddPolicy(OmnichannelRoles.AnyClientPolicy, p => p.RequireAuthenticatedUser().RequireRole(OmnichannelRoles.Staff, OmnichannelRoles.ChannelApp))
            .AddPolicy(OmnichannelRoles.KioskPolicy, p => p.RequireAuthenticatedUser().RequireRole(OmnichannelRoles.Kiosk))
            .AddPolicy(OmnichannelRoles.KioskOrClientPolicy, p => p.RequireAuthenticatedUser().RequireRole(OmnichannelRoles.Staff, OmnichannelRoles.ChannelApp, OmnichannelRoles.Kiosk))
            .AddPolicy(OmnichannelRoles.DisplayOrClientPolicy, p => p.RequireAuthenticatedUser().RequireRole(OmnichannelRoles.Staff, OmnichannelRoles.ChannelApp, OmnichannelRoles.Display));
        return services;
    }

    /// <summary>An external provider's role and council claims, read as the platform's <c>role</c> and <c>tenant</c>
    /// (<see cref="ClaimMapping"/>), for tokens of another issuer than the platform key's. The platform's own claims of the same name are dropped first: only the mapping
    /// decides what an external token may do.</summary>
    private static Task MapClaims(TokenValidatedContext context, ClaimMapping mapping)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity) return Task.CompletedTask;
        // The platform's own tokens (its key's issuer) already speak its claims.
        if (context.SecurityToken.Issuer == context.Options.TokenValidationParameters.ValidIssuers?.FirstOrDefault()) return Task.CompletedTask;
        if (!string.IsNullOrWhiteSpace(mapping.Role))
        {
            var roles = identity.FindAll(mapping.Role).Select(c => c.Value).ToList();
            foreach (var claim in identity.FindAll(TokenIssuer.RoleClaim).ToList()) identity.RemoveClaim(claim);
            foreach (var role in roles
                         .SelectMany(r => mapping.Roles.TryGetValue(r, out var mapped) ? mapped.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [])
                         .Distinct(StringComparer.Ordinal))
                identity.AddClaim(new Claim(TokenIssuer.RoleClaim, role));
        }
        if (!string.IsNullOrWhiteSpace(mapping.Tenant))
        {
            var theirs = identity.FindFirst(mapping.Tenant)?.Value;
            foreach (var claim in identity.FindAll(TokenIssuer.TenantClaim).ToList()) identity.RemoveClaim(claim);
            var council = theirs is null ? null : mapping.Councils.Count == 0 ? theirs : mapping.Councils.GetValueOrDefault(theirs);
            if (council is not null) identity.AddClaim(new Claim(TokenIssuer.TenantClaim, council));
        }
        return Task.CompletedTask;
    }

    /// <summary>A token of a staff account disabled after it was issued is refused here, on every service, REST and gRPC
    /// alike (<see cref="StaffAccessWithdrawals"/>), instead of working until it expires. The set is kept where the identity
    /// service's account events are heard: the message bus registers it with its consumer (<c>BusSetup.AddMessageBus</c>),
    /// so both read one instance. The gateway has no bus and no set: the services behind it refuse.</summary>
    private static void RefuseWithdrawnAccess(TokenValidatedContext context)
    {
        if (context.Principal?.FindFirst("sub")?.Value is not { } subject) return;
        if (context.HttpContext.RequestServices.GetService<StaffAccessWithdrawals>() is not { } withdrawals) return;
        var issuedAt = context.SecurityToken is JsonWebToken { IssuedAt: var iat } && iat != DateTime.MinValue
            ? new DateTimeOffset(iat, TimeSpan.Zero) : DateTimeOffset.MinValue;
        if (withdrawals.Refuses(subject, issuedAt)) context.Fail("The staff account was disabled after this token was issued.");
    }

    /// <summary>
    /// A token signed by a key this process has not read yet (the authority has just rotated): the keys are read again
    /// and the token waits for them, briefly, instead of getting a 401 while the refresh runs in the background (the
    /// metadata manager refreshes without blocking). At most once per minimum refresh interval, so tokens naming made-up
    /// keys cannot make every request wait or the authority be asked again and again.
    /// </summary>
    private sealed class NewKeyWait(TimeSpan minimumInterval)
    {
        private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);
        private long lastRefreshTicks;

        public async Task BeforeValidationAsync(MessageReceivedContext context)
        {
            if (context.Options.ConfigurationManager is not { } manager) return;
            var header = context.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;
            string? kid;
            try { kid = new JsonWebToken(header["Bearer ".Length..].Trim()).Kid; }
            catch (ArgumentException) { return; } // not a JWT: validation says so
            if (string.IsNullOrEmpty(kid)) return;

            var cancel = context.HttpContext.RequestAborted;
            if (Knows(await manager.GetConfigurationAsync(cancel), kid)) return;
            var now = DateTime.UtcNow.Ticks;
            var last = Interlocked.Read(ref lastRefreshTicks);
            if (now - last < minimumInterval.Ticks || Interlocked.CompareExchange(ref lastRefreshTicks, now, last) != last) return;
            manager.RequestRefresh();
            var until = DateTime.UtcNow + MaxWait;
            while (DateTime.UtcNow < until && !cancel.IsCancellationRequested)
            {
                await Task.Delay(50, cancel);
                if (Knows(await manager.GetConfigurationAsync(cancel), kid)) return;
            }
        }

        private static bool Knows(Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration configuration, string kid) =>
            configuration.SigningKeys.Any(k => k.KeyId == kid);
    }
}
