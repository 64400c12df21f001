using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.StaffConsole.Web;

/// <summary>
/// The citizen web's own identity at the platform: a channel app of the council (<c>Web:Client</c>, default
/// <c>mataroChannelApp</c>, the identity service's "channel front-ends" client), by client credentials with its
/// secret <c>Identity:Clients:&lt;client&gt;:Secret</c> — held here, on the server, never sent to a browser. The citizen
/// is anonymous: no staff token is ever used for them. Without that secret (a deployment not moved yet, a test) the
/// token is signed with the platform's key (<c>Auth:SigningKey</c>), as the services' own tokens are.
/// One token at a time, renewed a minute before it expires.
/// </summary>
public sealed class CitizenChannel(IConfiguration configuration, IHttpClientFactory factory)
{
    public const string HttpName = "citizen-web";
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);
    private readonly TimeProvider clock = TimeProvider.System;
    private readonly SemaphoreSlim asking = new(1, 1);
    private (string Token, DateTimeOffset Expires)? held;

    private string Client => configuration["Web:Client"] is { Length: > 0 } c ? c : "mataroChannelApp";

    /// <summary>The council the web speaks for: the client's own (its tokens carry it).</summary>
    public string Council => configuration["Web:Council"] is { Length: > 0 } c ? c : configuration[$"Identity:Clients:{Client}:Council"] ?? "mataro";

    public async Task<string> TokenAsync(CancellationToken ct)
    {
        if (held is { } h && h.Expires - RenewBefore > clock.GetUtcNow()) return h.Token;
        await asking.WaitAsync(ct);
        try
        {
            if (held is { } again && again.Expires - RenewBefore > clock.GetUtcNow()) return again.Token;
            held = configuration[$"Identity:Clients:{Client}:Secret"] is { Length: > 0 } secret ? await AskAuthorityAsync(secret, ct) : SignHere();
            return held.Value.Token;
        }
        finally
        {
            asking.Release();
        }
    }

    private async Task<(string, DateTimeOffset)> AskAuthorityAsync(string secret, CancellationToken ct)
    {
        var authority = (configuration["Console:Authority"] ?? configuration["Auth:Authority"]
            ?? throw new InvalidOperationException("Console:Authority or Auth:Authority is needed for the citizen web's token.")).TrimEnd('/');
        var http = factory.CreateClient(HttpName);
        var metadata = await http.GetFromJsonAsync<Metadata>($"{authority}/.well-known/openid-configuration", ct);
        var clientId = configuration[$"Identity:Clients:{Client}:ClientId"] is { Length: > 0 } id ? id
            : System.Text.RegularExpressions.Regex.Replace(Client, "([a-z0-9])([A-Z])", "$1-$2").ToLowerInvariant();
        var asked = clock.GetUtcNow();
        using var response = await http.PostAsync(metadata?.TokenEndpoint ?? $"{authority}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }), ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"The identity service refused the citizen web's client credentials ({(int)response.StatusCode}): check Web:Client and its secret.");
        var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(ct) ?? throw new HttpRequestException("The identity service answered no token.");
        return (answer.AccessToken, asked + TimeSpan.FromSeconds(Math.Max(answer.ExpiresIn, 0)));
    }

    private (string, DateTimeOffset) SignHere()
    {
        var settings = configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
        if (!settings.HasSigningKey) throw new InvalidOperationException($"The citizen web needs Identity:Clients:{Client}:Secret (or Auth:SigningKey).");
        var lifetime = TimeSpan.FromMinutes(10);
        var now = clock.GetUtcNow();
        return (TokenIssuer.Issue(settings, OmnichannelRoles.ChannelApp, Council, "citizen-web", lifetime, now), now + lifetime);
    }

    private sealed record Metadata([property: JsonPropertyName("token_endpoint")] string? TokenEndpoint);

    private sealed record TokenAnswer([property: JsonPropertyName("access_token")] string AccessToken, [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
