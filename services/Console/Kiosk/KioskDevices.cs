using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.DataProtection;

namespace Omnichannel.StaffConsole.Kiosk;

/// <summary>A kiosk set up in this browser: its device credential and the kiosk token it was exchanged for, kept here
/// (protected) and never sent to the browser, whose cookie (<c>omni.kiosk</c>) names only <see cref="Id"/>.</summary>
public sealed class KioskDevice
{
    public string Id { get; set; } = "";
    public string KioskId { get; set; } = "";
    public string OfficeId { get; set; } = "";
    public string Credential { get; set; } = "";
    public string AccessToken { get; set; } = "";
    public DateTimeOffset AccessTokenExpiresAt { get; set; }
    public DateTimeOffset SetUpAt { get; set; }
}

/// <summary>What the kiosk screen's server side knows of the device: the council (the tenant its document lives in) and
/// the document's id. Passed from the first (prerendered) request to the interactive circuit, never to script.</summary>
public sealed record KioskDeviceKey(string Council, string Id);

/// <summary>
/// The kiosk's side of the backend-for-frontend: the operator's one-time set-up exchanges the device credential at the
/// kiosks service (<c>POST /api/kiosks/device-tokens</c>, through the gateway) for a kiosk token; both stay in the
/// console's schema. A token about to expire is exchanged again from the kept credential (kiosk tokens are short and
/// have no refresh token); a refused exchange (revoked, rotated out past its grace) forgets the device, and the screen
/// asks for a new set-up.
/// </summary>
public sealed class KioskDevices(IDocumentStore store, IDataProtectionProvider protection, IHttpClientFactory http, TimeProvider clock, ILogger<KioskDevices> logger)
{
    public const string CookieScheme = "kiosk";
    public const string CookieName = "omni.kiosk";
    public const string DeviceClaim = "kiosk_device", CouncilClaim = "kiosk_council";
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);
    private readonly IDataProtector protector = protection.CreateProtector("omnichannel-console-kiosk-devices");
    private readonly ConcurrentDictionary<string, KioskDevice> held = new();

    private sealed record Exchanged(string AccessToken, DateTimeOffset ExpiresAt, string KioskId, string OfficeId);

    /// <summary>The credential <c>{council}.{kioskId}.{secret}</c> names its council; null when the kiosks service refuses it.</summary>
    public async Task<KioskDeviceKey?> SetUpAsync(string credential, CancellationToken ct)
    {
        credential = credential.Trim();
        var council = credential.Split('.')[0];
        if (council.Length == 0 || await ExchangeAsync(credential, ct) is not { } token) return null;
        var device = new KioskDevice
        {
            Id = Guid.NewGuid().ToString("N"), KioskId = token.KioskId, OfficeId = token.OfficeId, Credential = protector.Protect(credential),
            AccessToken = protector.Protect(token.AccessToken), AccessTokenExpiresAt = token.ExpiresAt, SetUpAt = clock.GetUtcNow(),
        };
        await using var session = store.LightweightSession(council);
        session.Store(device);
        await session.SaveChangesAsync(ct);
        return new KioskDeviceKey(council, device.Id);
    }

    public static KioskDeviceKey? KeyOf(ClaimsPrincipal user) =>
        user.FindFirst(DeviceClaim)?.Value is { Length: > 0 } id && user.FindFirst(CouncilClaim)?.Value is { Length: > 0 } council ? new(council, id) : null;

    public static ClaimsPrincipal PrincipalOf(KioskDeviceKey key) =>
        new(new ClaimsIdentity([new Claim(DeviceClaim, key.Id), new Claim(CouncilClaim, key.Council)], CookieScheme));

    /// <summary>The kiosk and office the device is; null when it was forgotten.</summary>
    public async Task<KioskDevice?> FindAsync(KioskDeviceKey key, CancellationToken ct)
    {
        if (held.TryGetValue(key.Id, out var device)) return device;
        await using var session = store.QuerySession(key.Council);
        device = await session.LoadAsync<KioskDevice>(key.Id, ct);
        if (device is not null) held[key.Id] = device;
        return device;
    }

    /// <summary>The kiosk's current token (exchanged again when about to expire); null when the credential is refused.</summary>
    public async Task<string?> AccessTokenAsync(KioskDeviceKey key, CancellationToken ct)
    {
        if (await FindAsync(key, ct) is not { } device) return null;
        if (device.AccessTokenExpiresAt - clock.GetUtcNow() > RenewBefore) return protector.Unprotect(device.AccessToken);
        var token = await ExchangeAsync(protector.Unprotect(device.Credential), ct);
        await using var session = store.LightweightSession(key.Council);
        if (token is null)
        {
            held.TryRemove(key.Id, out _);
            session.Delete<KioskDevice>(key.Id);
            await session.SaveChangesAsync(ct);
            return null;
        }
        device.AccessToken = protector.Protect(token.AccessToken);
        device.AccessTokenExpiresAt = token.ExpiresAt;
        session.Store(device);
        await session.SaveChangesAsync(ct);
        held[key.Id] = device;
        return token.AccessToken;
    }

    private async Task<Exchanged?> ExchangeAsync(string credential, CancellationToken ct)
    {
        try
        {
            using var response = await http.CreateClient(KioskGateway.Name).PostAsJsonAsync("/api/kiosks/device-tokens", new { credential }, ct);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden)
            {
                logger.LogInformation("A kiosk's device credential was refused ({Status})", (int)response.StatusCode);
                return null;
            }
            response.EnsureSuccessStatusCode();
            var root = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            return new Exchanged(root.GetProperty("accessToken").GetString()!, root.GetProperty("expiresAt").GetDateTimeOffset(),
                root.GetProperty("kioskId").GetString()!, root.GetProperty("officeId").GetString()!);
        }
        catch (HttpRequestException e)
        {
            // An outage is not a refusal: keep the device, the screen says the platform cannot be reached.
            logger.LogWarning(e, "The kiosks service could not be reached to exchange a device credential");
            throw;
        }
    }
}
