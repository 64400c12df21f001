using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Omnichannel.BuildingBlocks.Auth;

public static class AuthSetup
{
    /// <summary>Bearer tokens signed with <c>Auth:SigningKey</c>; the "staff" policy needs the staff role,
    /// "any-client" any valid token. The gateway and the services check the same token.</summary>
    public static IServiceCollection AddTokenAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
        var key = settings.Key();
        services.AddSingleton(settings);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = key,
                    RoleClaimType = TokenIssuer.RoleClaim,
                    NameClaimType = "sub",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(OmnichannelRoles.StaffPolicy, p => p.RequireAuthenticatedUser().RequireRole(OmnichannelRoles.Staff))
            .AddPolicy(OmnichannelRoles.AnyClientPolicy, p => p.RequireAuthenticatedUser().RequireRole(OmnichannelRoles.Staff, OmnichannelRoles.ChannelApp))
            .AddPolicy(OmnichannelRoles.KioskPolicy, p => p.RequireAuthenticatedUser().RequireRole(OmnichannelRoles.Kiosk))
            .AddPolicy(OmnichannelRoles.KioskOrClientPolicy, p => p.RequireAuthenticatedUser().RequireRole(OmnichannelRoles.Staff, OmnichannelRoles.ChannelApp, OmnichannelRoles.Kiosk));
        return services;
    }
}
