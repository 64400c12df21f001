using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using QRCoder;

namespace Omnichannel.StaffConsole.Kiosk;

/// <summary>
/// The kiosk screen's server parts: its own cookie scheme (<c>omni.kiosk</c>, naming a <see cref="KioskDevice"/>; no
/// staff session, no staff token), the operator's one-time set-up, and the clean page every private session ends on.
/// </summary>
public static class KioskScreen
{
    /// <summary>How many wait before the ticket, in words: "nobody: you are next" rather than a bare 0.</summary>
    public static string Ahead(int ahead, Func<string, string> words) => ahead <= 0 ? words("kiosk-ticket-next") : ahead.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static IServiceCollection AddKioskScreen(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddCookie(KioskDevices.CookieScheme, o =>
        {
            o.Cookie.Name = KioskDevices.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.IsEssential = true;
            // A kiosk is set up once and runs for months; a refused credential (revoked) ends it sooner.
            o.ExpireTimeSpan = TimeSpan.FromDays(configuration.GetValue("Kiosk:CookieDays", 365));
            o.SlidingExpiration = true;
            o.LoginPath = "/kiosk/setup";
        });
        services.AddHttpClient(KioskGateway.Name, client =>
        {
            client.BaseAddress = new Uri(configuration["Console:GatewayUrl"] ?? "http://localhost:8080");
            client.Timeout = TimeSpan.FromSeconds(30);
        }).AddHttpMessageHandler<Gateway.PageLanguageHandler>(); // KioskGateway.Language, else the page's
        services.AddSingleton<KioskDevices>();
        services.AddScoped<KioskGateway>();
        return services;
    }

    public static void MapKioskScreen(this WebApplication app)
    {
        // The operator's set-up: a plain form post (the cookie is written on a full request, never from the circuit); not at
        // the page's own address, which the components' endpoint also answers for POST.
        app.MapPost("/kiosk/device-setup", async (HttpContext http, IAntiforgery antiforgery, KioskDevices devices, IConfiguration configuration) =>
        {
            if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            var form = await http.Request.ReadFormAsync();
            var credential = form["credential"].ToString() is { Length: > 0 } typed ? typed : configuration["Kiosk:Credential"] ?? "";
            KioskDeviceKey? key;
            try
            {
                key = credential.Length == 0 ? null : await devices.SetUpAsync(credential, http.RequestAborted);
            }
            catch (HttpRequestException)
            {
                return Results.LocalRedirect($"{http.Request.PathBase}/kiosk/setup?failed=unreachable");
            }
            if (key is null) return Results.LocalRedirect($"{http.Request.PathBase}/kiosk/setup?failed=refused");
            await http.SignInAsync(KioskDevices.CookieScheme, KioskDevices.PrincipalOf(key), new AuthenticationProperties { IsPersistent = true });
            return Results.LocalRedirect($"{http.Request.PathBase}/kiosk");
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        // Where a private session ends: every cookie but the device's is expired (the language, antiforgery and any
        // other), the browser is told to drop its storage and cache, the wipe is acknowledged to the kiosks service, and
        // a clean screen loads in place of the old one (the page replaced it: no history entry is left to go back to).
        app.MapGet("/kiosk/fresh", async (HttpContext http, KioskGateway gateway, KioskDevices devices) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
            foreach (var name in http.Request.Cookies.Keys.Where(n => n != KioskDevices.CookieName))
            {
                http.Response.Cookies.Delete(name, new CookieOptions { Path = "/" });
                http.Response.Cookies.Delete(name, new CookieOptions { Path = $"{http.Request.PathBase}" is { Length: > 0 } b ? b : "/" });
            }
            var signedIn = await http.AuthenticateAsync(KioskDevices.CookieScheme);
            if (signedIn.Principal is { } principal && KioskDevices.KeyOf(principal) is { } key && await devices.FindAsync(key, http.RequestAborted) is { } device)
            {
                var state = await gateway.PrivacyStateAsync(key, device.KioskId, http.RequestAborted);
                if (state.Value?.WipeSessionId is { } wiped) await gateway.AcknowledgeWipeAsync(key, device.KioskId, wiped, http.RequestAborted);
            }
            return Results.LocalRedirect($"{http.Request.PathBase}/kiosk");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>A QR code as a PNG data address (drawn here, so the printed ticket needs no network).</summary>
    public static string QrDataUrl(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return $"data:image/png;base64,{Convert.ToBase64String(png)}";
    }
}
