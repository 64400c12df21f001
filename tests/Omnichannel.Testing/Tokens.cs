using System.Security.Cryptography;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.Testing;

/// <summary>Tokens signed with a key made for this test run (never a key from the repo).</summary>
public sealed class Tokens
{
    public const string Tenant = "mataro";

    public JwtSettings Settings { get; } = new() { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)) };

    public string Staff(string tenant = Tenant) => TokenIssuer.Issue(Settings, OmnichannelRoles.Staff, tenant, "staff-ana", TimeSpan.FromHours(1));

    /// <summary>A member of staff who is also the council's data-protection officer (a second role claim).</summary>
    public string DataProtectionOfficer(string tenant = Tenant) => TokenIssuer.Issue(Settings, OmnichannelRoles.Staff, tenant, "staff-dpo-marta",
        TimeSpan.FromHours(1), extraClaims: [new System.Security.Claims.Claim(TokenIssuer.RoleClaim, OmnichannelRoles.DataProtectionOfficer)]);

    public string ChannelApp(string tenant = Tenant, string subject = "kiosk-app") => TokenIssuer.Issue(Settings, OmnichannelRoles.ChannelApp, tenant, subject, TimeSpan.FromHours(1));

    /// <summary>What a service shows a neighbour over gRPC (as <c>ServiceTokens</c> mints it).</summary>
    public string Service(string tenant = Tenant) => TokenIssuer.Issue(Settings, OmnichannelRoles.Service, tenant, "service:test", TimeSpan.FromMinutes(5));

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
}
