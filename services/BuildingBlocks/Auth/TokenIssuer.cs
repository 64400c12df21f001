using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Omnichannel.BuildingBlocks.Auth;

/// <summary>Issues HS256 tokens with the configured key: used by the local run, tests and the CLI.
/// Production deployments may use an external identity provider with the same claims instead.</summary>
public static class TokenIssuer
{
    public const string TenantClaim = "tenant";
    public const string RoleClaim = "role";

    public static string Issue(JwtSettings settings, string role, string tenant, string subject, TimeSpan lifetime, DateTimeOffset? now = null,
        IEnumerable<Claim>? extraClaims = null)
    {
        var issuedAt = now ?? DateTimeOffset.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = issuedAt.Add(lifetime).UtcDateTime,
            Subject = new ClaimsIdentity([
                new Claim("sub", subject),
                new Claim(RoleClaim, role),
                new Claim(TenantClaim, tenant),
                .. extraClaims ?? [],
            ]),
            SigningCredentials = new SigningCredentials(settings.Key(), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
