using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Context;

namespace Omnichannel.StaffConsole.Session;

/// <summary>
/// A waiting-room display set up on this console: the TV's cookie names it, and the device credential it was set up
/// with (a kiosks-service device of kind "display") is kept here, protected, never in the browser. Stored in the
/// council's part of the console's schema, under the SHA-256 of the cookie's secret (a leaked table names no cookie).
/// </summary>
public sealed class DisplayDevice
{
    public string Id { get; set; } = "";
    public string DeviceId { get; set; } = "";
    public string OfficeId { get; set; } = "";
    public string Credential { get; set; } = "";
    /// <summary>The languages the calls are announced in, in order (the office's: e.g. ca, es).</summary>
    public List<string> Languages { get; set; } = [];
    public DateTimeOffset SetUpAt { get; set; }
}

/// <summary>
/// Display devices: set up once on the TV by an operator who types the device credential enrolment showed
/// (<c>POST /api/kiosks</c> with <c>kind: display</c>); from then on the TV holds only an HttpOnly cookie, and the
/// console exchanges the credential for a short-lived display token (role <c>display</c>, its office) whenever it
/// relays the office's display feed. A revoked or rotated-out credential stops the screen at its next sign-in.
/// </summary>
public sealed class DisplayDevices(IDocumentStore store, IDataProtectionProvider protection, IHttpClientFactory factory, TimeProvider clock,
    ILogger<DisplayDevices> logger)
{
    public const string CookieName = "omni.display";
    public const string ClientName = "gateway-display";
    /// <summary>A TV is set up once: the cookie lives as long as a browser keeps one (400 days), renewed at each visit.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(400);

    private readonly IDataProtector protector = protection.CreateProtector("Omnichannel.Console.DisplayDevice");
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset ExpiresAt)> tokens = new();

    public sealed record SetUp(string Council, string OfficeId, string CookieValue);

    private sealed record DeviceToken(string AccessToken, DateTimeOffset ExpiresAt, string KioskId, string OfficeId);

    /// <summary>Signs in with the credential; null when the kiosks service refuses it or it is not a display's.</summary>
    public async Task<SetUp?> SetUpAsync(string credential, IReadOnlyList<string> languages, CancellationToken ct)
    {
        var token = await SignInAsync(credential, ct);
        if (token is null) return null;
        var jwt = new JsonWebToken(token.AccessToken);
        // A kiosk's credential would make a screen that the feed refuses: say so at once.
        if (!jwt.Claims.Any(c => c.Type == TokenIssuer.RoleClaim && c.Value == OmnichannelRoles.Display)) return null;
        var council = jwt.Claims.FirstOrDefault(c => c.Type == TokenIssuer.TenantClaim)?.Value;
        if (council is null || !RequestContext.IsValidTenantId(council)) return null;

        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var id = IdOf(secret);
        await using (var session = store.LightweightSession(council))
        {
            session.Store(new DisplayDevice
            {
                Id = id, DeviceId = token.KioskId, OfficeId = token.OfficeId, Credential = protector.Protect(credential),
                Languages = [.. languages], SetUpAt = clock.GetUtcNow(),
            });
            await session.SaveChangesAsync(ct);
        }
        tokens[id] = (token.AccessToken, token.ExpiresAt);
        return new SetUp(council, token.OfficeId, $"{council}.{secret}");
    }

    /// <summary>The display the request's cookie names, or null.</summary>
    public async Task<DisplayDevice?> FindAsync(HttpContext http, CancellationToken ct)
    {
        var value = http.Request.Cookies[CookieName];
        var dot = value?.IndexOf('.') ?? -1;
        if (value is null || dot <= 0 || value.Length - dot - 1 != 64) return null;
        var council = value[..dot];
        if (!RequestContext.IsValidTenantId(council)) return null;
        await using var session = store.QuerySession(council);
        return await session.LoadAsync<DisplayDevice>(IdOf(value[(dot + 1)..]), ct);
    }

    /// <summary>A display token for the device, signed in again when the one held is about to expire; null when refused
    /// (revoked, rotated out).</summary>
    public async Task<string?> TokenAsync(DisplayDevice device, CancellationToken ct)
    {
        if (tokens.TryGetValue(device.Id, out var held) && held.ExpiresAt - clock.GetUtcNow() > TimeSpan.FromMinutes(1)) return held.Token;
        var token = await SignInAsync(protector.Unprotect(device.Credential), ct);
        if (token is null)
        {
            tokens.TryRemove(device.Id, out _);
            return null;
        }
        tokens[device.Id] = (token.AccessToken, token.ExpiresAt);
        return token.AccessToken;
    }

    /// <summary>The token held was refused upstream: the next request signs in again.</summary>
    public void Forget(DisplayDevice device) => tokens.TryRemove(device.Id, out _);

    public HttpClient Gateway() => factory.CreateClient(ClientName);

    private async Task<DeviceToken?> SignInAsync(string credential, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(15));
        using var response = await Gateway().PostAsJsonAsync("/api/kiosks/device-tokens", new { credential }, limit.Token);
        if (response.IsSuccessStatusCode) return await response.Content.ReadFromJsonAsync<DeviceToken>(limit.Token);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
            logger.LogWarning("A display's sign-in at the kiosks service answered {Status}", (int)response.StatusCode);
        return null;
    }

    private static string IdOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();
}

public static class DisplayDeviceSetup
{
    public static IServiceCollection AddDisplayDevices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient(DisplayDevices.ClientName, client =>
        {
            client.BaseAddress = new Uri(configuration["Console:GatewayUrl"] ?? "http://localhost:8080");
            // The feed is a stream that lasts as long as the screen is on.
            client.Timeout = Timeout.InfiniteTimeSpan;
        });
        services.AddSingleton<DisplayDevices>();
        return services;
    }
}
