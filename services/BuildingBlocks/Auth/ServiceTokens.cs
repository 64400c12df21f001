using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Grpc.Core;
using Microsoft.Extensions.Hosting;

namespace Omnichannel.BuildingBlocks.Auth;

/// <summary>
/// The service identity one service shows another over gRPC: a short-lived token with role
/// <see cref="OmnichannelRoles.Service"/> for one council. The council is always the one of the work in progress (the
/// caller's verified token, or the message or job being handled), so a service can only ever act for a council it was
/// itself asked to act for. One token per council is kept until shortly before it expires.
/// With an authority and <c>Auth:ServiceClient:Secret</c> the token comes from the identity service by client
/// credentials (the council named in the request); otherwise it is signed with the platform's key (tests, and
/// deployments that have not moved yet).
/// </summary>
public sealed class ServiceTokens(JwtSettings settings, IHostEnvironment environment) : IDisposable
{
    /// <summary>Wall-clock time, not the registered TimeProvider: the receiver checks expiry against the real clock,
    /// and a test or demo that moves the council's business clock must not make tokens look expired or not yet valid.</summary>
    private readonly TimeProvider clock = TimeProvider.System;

    /// <summary>Short: a token that leaks from a call is of little use for long.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Renewed this long before expiry, so a token never expires on the way to the neighbour.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> issued = new();

    /// <summary>One request to the authority per council at a time: a burst of calls after expiry waits for it.</summary>
    private readonly ConcurrentDictionary<string, Lazy<Task<(string Token, DateTimeOffset Expires)>>> asking = new();

    private readonly string subject = $"service:{environment.ApplicationName}";
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };
    /// <summary>From the authority's metadata, read once it answers (not before: a service that starts before the
    /// identity service asks again at its next call).</summary>
    private string? tokenEndpoint;

    public bool FromAuthority => settings.UsesAuthority && settings.ServiceClient.HasSecret;

    /// <summary>The token held for <paramref name="tenant"/> when one is still good (or can be signed here at once).</summary>
    public bool TryGet(string tenant, out string token)
    {
        var now = clock.GetUtcNow();
        if (issued.TryGetValue(tenant, out var held) && held.Expires - RenewBefore > now)
        {
            token = held.Token;
            return true;
        }
        if (FromAuthority)
        {
            token = "";
            return false;
        }
        token = TokenIssuer.Issue(settings, OmnichannelRoles.Service, tenant, subject, Lifetime, now);
        issued[tenant] = (token, now + Lifetime);
        return true;
    }

    /// <summary>A token for <paramref name="tenant"/>; asks the authority when none is held. The authority not
    /// answering is <see cref="StatusCode.Unavailable"/>, as a neighbour down is: the caller's request gets a 503.</summary>
    public async ValueTask<string> ForAsync(string tenant, CancellationToken cancellation = default)
    {
        if (TryGet(tenant, out var token)) return token;
        var request = asking.GetOrAdd(tenant, t => new Lazy<Task<(string, DateTimeOffset)>>(() => AskAuthorityAsync(t)));
        try
        {
            var (fresh, expires) = await request.Value.WaitAsync(cancellation);
            issued[tenant] = (fresh, expires);
            return fresh;
        }
        finally
        {
            asking.TryRemove(new KeyValuePair<string, Lazy<Task<(string, DateTimeOffset)>>>(tenant, request));
        }
    }

    private async Task<(string, DateTimeOffset)> AskAuthorityAsync(string tenant)
    {
        try
        {
            var endpoint = tokenEndpoint ??= await TokenEndpointAsync();
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.ServiceClient.ClientId,
                ["client_secret"] = settings.ServiceClient.Secret,
                ["tenant"] = tenant,
            };
            var asked = clock.GetUtcNow();
            using var response = await http.PostAsync(endpoint, new FormUrlEncodedContent(form));
            if (!response.IsSuccessStatusCode)
                throw new RpcException(new Status(StatusCode.Unavailable,
                    $"The identity service refused this service's client credentials ({(int)response.StatusCode}): check Auth:ServiceClient."));
            var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>()
                ?? throw new RpcException(new Status(StatusCode.Unavailable, "The identity service answered no token."));
            return (answer.AccessToken, asked + TimeSpan.FromSeconds(Math.Max(answer.ExpiresIn, 0)));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The identity service did not give a service token.", e));
        }
    }

    private async Task<string> TokenEndpointAsync()
    {
        var document = settings.MetadataDocument;
        if (settings.RequireHttpsMetadata && !document.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"The authority's metadata must be read over https ({document}); set Auth:RequireHttpsMetadata=false only inside the platform's network.");
        var metadata = await http.GetFromJsonAsync<Metadata>(document);
        return metadata?.TokenEndpoint is { Length: > 0 } endpoint ? endpoint
            : throw new InvalidOperationException($"The authority's metadata ({document}) names no token_endpoint.");
    }

    private sealed record Metadata([property: JsonPropertyName("token_endpoint")] string? TokenEndpoint);

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    public void Dispose() => http.Dispose();
}
