using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Omnichannel.BuildingBlocks.Auth;

/// <summary>Configuration section "Auth". Tokens are validated by an authority's published keys (<see cref="Authority"/>:
/// the identity service, or a council's own OpenID Connect provider), by the platform's symmetric key
/// (<see cref="SigningKey"/>, from the environment, never the repo), or by both when both are set.</summary>
public sealed class JwtSettings
{
    public const string Section = "Auth";
    public string Issuer { get; set; } = "omnichannel";
    public string Audience { get; set; } = "omnichannel";
    public string SigningKey { get; set; } = "";

    /// <summary>The OpenID Connect provider whose metadata (<c>/.well-known/openid-configuration</c>) and JWKS sign the
    /// tokens, e.g. the identity service's address. Its issuer is accepted besides <see cref="Issuer"/>.</summary>
    public string Authority { get; set; } = "";

    /// <summary>Where the metadata is when not under <see cref="Authority"/> (optional).</summary>
    public string MetadataAddress { get; set; } = "";

    /// <summary>Plain HTTP to the authority only inside the platform's own network (and locally, in tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How often the published keys are read again even when every token's key is known (a token naming an
    /// unknown key makes them read again at once, at most every <see cref="MetadataMinimumRefreshSeconds"/>).</summary>
    public int MetadataRefreshMinutes { get; set; } = 60;

    public int MetadataMinimumRefreshSeconds { get; set; } = 30;

    /// <summary>More accepted issuers (e.g. the identity service's public address when tokens are also asked for there).</summary>
    public string[] ValidIssuers { get; set; } = [];

    /// <summary>Where an external provider's tokens keep the role and the council, and how its role values read in the
    /// platform's (see <see cref="ClaimMapping"/>). Empty: the platform's own claims <c>role</c> and <c>tenant</c>.</summary>
    public ClaimMapping Claims { get; set; } = new();

    /// <summary>How this service asks the authority for its tokens to other services (client credentials).</summary>
    public ServiceClientSettings ServiceClient { get; set; } = new();

    /// <summary>The authority's metadata document.</summary>
    public string MetadataDocument => !string.IsNullOrWhiteSpace(MetadataAddress) ? MetadataAddress
        : $"{Authority.TrimEnd('/')}/.well-known/openid-configuration";

    public bool UsesAuthority => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(MetadataAddress);
    public bool HasSigningKey => !string.IsNullOrEmpty(SigningKey);

    public SymmetricSecurityKey Key()
    {
        var bytes = Encoding.UTF8.GetBytes(SigningKey);
        if (bytes.Length < 32)
            throw new InvalidOperationException("Auth:SigningKey (environment variable Auth__SigningKey) must be set and at least 32 bytes long.");
        return new SymmetricSecurityKey(bytes);
    }
}

/// <summary><c>Auth:ServiceClient</c>: the identity service's client for the platform's services (role <c>service</c>,
/// council <c>*</c>: each token request names the council). <see cref="Secret"/> is a secret; without it, service
/// tokens are signed with <c>Auth:SigningKey</c>.</summary>
public sealed class ServiceClientSettings
{
    public string ClientId { get; set; } = "platform-services";
    public string Secret { get; set; } = "";
    public bool HasSecret => !string.IsNullOrEmpty(Secret);
}

/// <summary>
/// Claims of an external provider as the platform reads them: <c>Auth:Claims:Role</c> (e.g. <c>roles</c> for Entra ID,
/// <c>groups</c> for Keycloak) and <c>Auth:Claims:Tenant</c> (e.g. <c>council</c>) name where they are;
/// <c>Auth:Claims:Roles:&lt;their value&gt;</c> gives the platform role(s) for each of their values, comma-separated
/// (e.g. <c>Omnichannel.Agent</c> → <c>staff,agent</c>); <c>Auth:Claims:Councils:&lt;their value&gt;</c> the council
/// (e.g. an Entra tenant id → <c>mataro</c>). A role they send that is not mapped gives nothing, so an external token
/// reaches a platform route only through a mapping someone wrote.
/// </summary>
public sealed class ClaimMapping
{
    public string Role { get; set; } = "";
    public string Tenant { get; set; } = "";
    public Dictionary<string, string> Roles { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Councils { get; set; } = new(StringComparer.Ordinal);

    public bool IsEmpty => string.IsNullOrWhiteSpace(Role) && string.IsNullOrWhiteSpace(Tenant);
}
