using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.Identity.Clients;

/// <summary>
/// The applications that may ask for tokens, from configuration <c>Identity:Clients:&lt;key&gt;</c> (<c>ClientId</c>,
/// default the key in kebab case; keys are letters and digits, so that <c>Identity__Clients__&lt;key&gt;__Secret</c> is a valid
/// environment variable name for shells):
/// <list type="bullet">
/// <item>a <b>staff front-end</b> (the console): <c>RedirectUris</c> set — authorization code with PKCE, refresh tokens;
/// a <c>Secret</c> makes it confidential (a backend-for-frontend), none makes it public;</item>
/// <item>a <b>channel app</b> or another machine client: <c>Role</c> (<c>channel-app</c>, <c>service</c>) and
/// <c>Council</c> — client credentials with its <c>Secret</c>; its tokens carry that role and council. A client with
/// role <c>service</c> and <c>Council</c> <c>*</c> may name the council in the token request (<c>tenant</c>), like
/// the platform's own service tokens.</item>
/// </list>
/// Secrets are secrets: given by the environment (<c>Identity__Clients__&lt;key&gt;__Secret</c>), never in a file here.
/// </summary>
public sealed class ClientRegistration
{
    public string ClientId { get; set; } = "";
    public string? DisplayName { get; set; }
    public string? Secret { get; set; }
    public string[] RedirectUris { get; set; } = [];
    public string[] PostLogoutRedirectUris { get; set; } = [];
    public string? Role { get; set; }
    public string? Council { get; set; }

    public bool IsInteractive => RedirectUris.Length > 0;
    public bool IsMachine => !string.IsNullOrWhiteSpace(Role);
    public bool AnyCouncil => Council == "*";

    public static readonly IReadOnlyList<string> MachineRoles = [OmnichannelRoles.ChannelApp, OmnichannelRoles.Service];
}

public sealed class ClientRegistrations(IConfiguration configuration)
{
    public const string Section = "Identity:Clients";

    private readonly IReadOnlyDictionary<string, ClientRegistration> clients = configuration.GetSection(Section).GetChildren()
        .Select(c =>
        {
            var registration = new ClientRegistration();
            c.Bind(registration);
            // The key is a configuration (and environment variable) name: letters and digits; the client id may differ.
            if (string.IsNullOrWhiteSpace(registration.ClientId)) registration.ClientId = DefaultClientId(c.Key);
            return registration;
        })
        .ToDictionary(c => c.ClientId, StringComparer.Ordinal);

    public IEnumerable<ClientRegistration> All => clients.Values;

    /// <summary>The key in kebab case (<c>mataroChannelApp</c> → <c>mataro-channel-app</c>), as the CLI assumes too.</summary>
    public static string DefaultClientId(string key) =>
        System.Text.RegularExpressions.Regex.Replace(key, "([a-z0-9])([A-Z])", "$1-$2").ToLowerInvariant();

    public ClientRegistration? Find(string? clientId) => clientId is not null && clients.TryGetValue(clientId, out var c) ? c : null;
}
