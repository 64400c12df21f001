using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.StaffConsole.Session;

/// <summary>
/// The server side of the backend-for-frontend: the tokens the identity service gave each signed-in member of staff,
/// in PostgreSQL (protected), looked up by the session id their cookie carries. An access token about to expire is
/// renewed with the refresh token before it is used; signing out revokes the refresh token and forgets the session.
/// </summary>
public sealed class StaffTokens(IDocumentStore store, IDataProtectionProvider protection, IHttpClientFactory http,
    IOptionsMonitor<OpenIdConnectOptions> oidc, TimeProvider clock, ILogger<StaffTokens> logger)
{
    public const string SessionClaim = "console_session";
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);
    private readonly IDataProtector protector = protection.CreateProtector("omnichannel-console-staff-tokens");
    private readonly ConcurrentDictionary<string, Held> held = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> renewing = new();

    private sealed record Held(string Council, string AccessToken, string? RefreshToken, string? IdToken, DateTimeOffset ExpiresAt);

    public async Task<string> StartAsync(string council, string subject, string accessToken, string? refreshToken, string? idToken, int? expiresInSeconds, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        var tokens = new Held(council, accessToken, refreshToken, idToken, now.AddSeconds(expiresInSeconds ?? 300));
        await SaveAsync(id, subject, tokens, now, ct);
        held[id] = tokens;
        return id;
    }

    /// <summary>The member of staff's current access token (renewed when it is about to expire); null when the
    /// session is gone (signed out, or the refresh was refused: a locked account stops here).</summary>
    public async Task<string?> AccessTokenAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (SessionOf(user) is not { } key) return null;
        var tokens = await LoadAsync(key.Id, key.Council, ct);
        if (tokens is null) return null;
        if (tokens.ExpiresAt - clock.GetUtcNow() > RenewBefore) return tokens.AccessToken;

        var gate = renewing.GetOrAdd(key.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            // Read afresh: another replica may have renewed it (and the old refresh token is then spent).
            held.TryRemove(key.Id, out _);
            tokens = await LoadAsync(key.Id, key.Council, ct);
            if (tokens is null) return null;
            if (tokens.ExpiresAt - clock.GetUtcNow() > RenewBefore) return tokens.AccessToken;
            var renewed = await RenewAsync(tokens, ct);
            if (renewed is null)
            {
                await ForgetAsync(key.Id, key.Council, ct);
                return null;
            }
            await SaveAsync(key.Id, user.FindFirst("sub")?.Value ?? "", renewed, clock.GetUtcNow(), ct);
            held[key.Id] = renewed;
            return renewed.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Whether the cookie's session still exists, read from the database (not this replica's memory): a
    /// sign-out on another replica ends it here at the next request.</summary>
    public async Task<bool> IsActiveAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (SessionOf(user) is not { } key) return false;
        await using var session = store.QuerySession(key.Council);
        if (await session.LoadAsync<StaffSession>(key.Id, ct) is not null) return true;
        held.TryRemove(key.Id, out _);
        return false;
    }

    /// <summary>Ends the session: the refresh token is revoked at the identity service and the tokens are forgotten.
    /// Returns the identity token, for the identity service's end-session request.</summary>
    public async Task<string?> EndAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (SessionOf(user) is not { } key) return null;
        var tokens = await LoadAsync(key.Id, key.Council, ct);
        if (tokens is null) return null;
        if (tokens.RefreshToken is { } refresh)
        {
            try
            {
                var configuration = await Oidc.ConfigurationManager!.GetConfigurationAsync(ct);
                var revocation = configuration.AdditionalData.TryGetValue("revocation_endpoint", out var r) ? r?.ToString() : null;
                if (revocation is not null)
                    using (await http.CreateClient().PostAsync(revocation, Form(("token", refresh), ("token_type_hint", "refresh_token")), ct)) { }
            }
            catch (HttpRequestException e)
            {
                logger.LogWarning(e, "The refresh token of a console session could not be revoked");
            }
        }
        await ForgetAsync(key.Id, key.Council, ct);
        return tokens.IdToken;
    }

    private OpenIdConnectOptions Oidc => oidc.Get(StaffSignIn.OidcScheme);

    private FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
            .Append(new("client_id", Oidc.ClientId!))
            .Concat(Oidc.ClientSecret is { Length: > 0 } secret ? [new KeyValuePair<string, string>("client_secret", secret)] : []));

    private async Task<Held?> RenewAsync(Held tokens, CancellationToken ct)
    {
        if (tokens.RefreshToken is null) return null;
        var configuration = await Oidc.ConfigurationManager!.GetConfigurationAsync(ct);
        using var response = await http.CreateClient().PostAsync(configuration.TokenEndpoint,
            Form(("grant_type", "refresh_token"), ("refresh_token", tokens.RefreshToken)), ct);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogInformation("A console session's refresh was refused ({Status}); the member of staff signs in again", (int)response.StatusCode);
            return null;
        }
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = body.RootElement;
        return tokens with
        {
            AccessToken = root.GetProperty("access_token").GetString()!,
            RefreshToken = root.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : tokens.RefreshToken,
            ExpiresAt = clock.GetUtcNow().AddSeconds(root.TryGetProperty("expires_in", out var expires) ? expires.GetInt32() : 300),
        };
    }

    private static (string Id, string Council)? SessionOf(ClaimsPrincipal user) =>
        user.FindFirst(SessionClaim)?.Value is { Length: > 0 } id && user.FindFirst(TokenIssuer.TenantClaim)?.Value is { Length: > 0 } council ? (id, council) : null;

    private async Task<Held?> LoadAsync(string id, string council, CancellationToken ct)
    {
        if (held.TryGetValue(id, out var tokens)) return tokens;
        await using var session = store.QuerySession(council);
        var stored = await session.LoadAsync<StaffSession>(id, ct);
        if (stored is null) return null;
        tokens = new Held(council, protector.Unprotect(stored.AccessToken), stored.RefreshToken is { } r ? protector.Unprotect(r) : null,
            stored.IdToken is { } i ? protector.Unprotect(i) : null, stored.AccessTokenExpiresAt);
        held[id] = tokens;
        return tokens;
    }

    private async Task SaveAsync(string id, string subject, Held tokens, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tokens.Council);
        session.Store(new StaffSession
        {
            Id = id, Subject = subject, AccessToken = protector.Protect(tokens.AccessToken),
            RefreshToken = tokens.RefreshToken is { } r ? protector.Protect(r) : null, IdToken = tokens.IdToken is { } i ? protector.Protect(i) : null,
            AccessTokenExpiresAt = tokens.ExpiresAt, SignedInAt = now,
        });
        await session.SaveChangesAsync(ct);
    }

    private async Task ForgetAsync(string id, string council, CancellationToken ct)
    {
        held.TryRemove(id, out _);
        renewing.TryRemove(id, out _);
        await using var session = store.LightweightSession(council);
        session.Delete<StaffSession>(id);
        await session.SaveChangesAsync(ct);
    }
}
