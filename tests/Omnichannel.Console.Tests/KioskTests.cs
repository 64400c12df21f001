using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Omnichannel.Testing;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>The kiosk screen in a real browser against the real platform: a kiosk set up with its device credential
/// (never a staff sign-in), a citizen's private session from the menu to the printed ticket and help, and the wipe at
/// the idle time. Every kiosk screen is photographed and checked by axe-core in Catalan, Spanish and English.</summary>
[Collection(Collections.Counters)]
public sealed class KioskTests(ConsolePlatform platform)
{
    private const string Office = "connecta-space";
    private const string Need = "census-certificate"; // offered on the kiosk channel, walk-in at the demo office

    [Fact]
    public async Task A_citizen_takes_a_ticket_from_the_kiosk_menu_and_the_print_view_shows_number_line_wait_and_qr_code()
    {
        await platform.DuringOpeningHoursAsync(Office);
        var kiosk = await EnrolKioskAsync();
        var page = await platform.NewKioskPageAsync();
        foreach (var language in new[] { "ca", "es", "en" })
        {
            await page.GotoAsync(platform.ConsoleUrl + $"kiosk/setup?lang={language}");
            await page.WaitForInteractiveAsync();
            await page.InspectAsync($"kiosk-setup-{language}");
        }
        await platform.SetUpKioskAsync(page, kiosk.Credential);
        await page.InspectAsync("kiosk-attract-ca");

        // The heartbeat tells the fleet what the page knows: it can print.
        await Eventually.Until(() => PrinterStateAsync(kiosk.KioskId), state => state == "ok", what: "the kiosk's heartbeat with its printer");

        await page.ClickAsync("#kiosk-start");
        await page.Locator($"#kiosk-menu button[data-code='{Need}']").WaitForAsync();
        await page.InspectAsync("kiosk-menu-ca");
        Assert.Equal(1, await OpenSessionsAsync(kiosk.Credential));
        foreach (var language in new[] { "es", "en" })
        {
            await page.ClickAsync($"#kiosk-lang-{language}");
            await page.Locator($"#kiosk-lang-{language}[aria-pressed=true]").WaitForAsync();
            Assert.Equal(language, await page.EvaluateAsync<string>("document.documentElement.lang"));
            await page.InspectAsync($"kiosk-menu-{language}");
        }
        await page.ClickAsync("#kiosk-contrast");
        await page.Locator("#kiosk-contrast[aria-pressed=true]").WaitForAsync();
        await page.InspectAsync("kiosk-menu-en-high-contrast");
        await page.ClickAsync("#kiosk-contrast");
        await page.Locator("#kiosk-contrast[aria-pressed=false]").WaitForAsync();
        foreach (var target in await page.Locator("button").AllAsync())
        {
            var box = await target.BoundingBoxAsync();
            Assert.True(box is { Width: >= 44, Height: >= 44 }, $"a touch target smaller than 44 px: {await target.InnerTextAsync()}");
        }

        await page.ClickAsync($"#kiosk-menu button[data-code='{Need}']");
        var number = (await page.Locator("#ticket-number").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z]+-[0-9]{3}$", number);
        await page.InspectAsync("kiosk-ticket-en");
        await page.ClickAsync("#kiosk-contrast");
        await page.Locator("#kiosk-contrast[aria-pressed=true]").WaitForAsync();
        await page.InspectAsync("kiosk-ticket-en-high-contrast");

        // The print view: the ticket alone, with its number, line, expected wait and the QR code of its status link.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.True(await page.Locator("#print-ticket").IsVisibleAsync());
        Assert.Equal(number, (await page.Locator("#ticket-number").InnerTextAsync()).Trim());
        // The line in words ("Punt 0 (tràmits ràpids)"), not its id ("point0").
        Assert.DoesNotMatch("^[a-z0-9-]+$", (await page.Locator("#ticket-line").InnerTextAsync()).Trim());
        Assert.NotEmpty((await page.Locator("#ticket-wait").InnerTextAsync()).Trim());
        var qr = page.Locator("#ticket-qr");
        Assert.True(await qr.IsVisibleAsync());
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR code image is drawn");
        Assert.False(await page.Locator("#kiosk-print").IsVisibleAsync());
        Assert.False(await page.Locator("#kiosk-lang-ca").IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screens.Folder, "kiosk-ticket-print.png"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // Look up a case by its code, typed loosely; a typo is said next to the field.
        var code = await SubmitCaseAsync();
        await page.ClickAsync("#kiosk-another");
        await page.ClickAsync("#kiosk-lookup");
        await page.FillAsync("#kiosk-code", code.Replace("-", " ").ToLowerInvariant());
        await page.ClickAsync("#kiosk-code-find");
        await page.Locator("#kiosk-found-status").WaitForAsync();
        Assert.Contains(code, await page.Locator("#kiosk-found").InnerTextAsync());
        await page.InspectAsync("kiosk-lookup-en-high-contrast");
        await page.FillAsync("#kiosk-code", code[..1] + (code[1] == '0' ? '1' : '0') + code[2..]);
        await page.ClickAsync("#kiosk-code-find");
        await page.Locator("#kiosk-code-error").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#kiosk-code", "aria-invalid"));
        await page.InspectAsync("kiosk-lookup-typo-en-high-contrast");

        // "I want help": an on-site help request at the kiosks service.
        await page.ClickAsync("#kiosk-help");
        await page.Locator("#kiosk-help-on-site").WaitForAsync();
        await page.InspectAsync("kiosk-help-en-high-contrast");
        await page.ClickAsync("#kiosk-help-on-site");
        await page.Locator("#kiosk-help-status").WaitForAsync();
        await page.InspectAsync("kiosk-help-requested-en-high-contrast");

        // The citizen finishes: a clean screen in the kiosk's language, and the kiosks service has the wipe acknowledged.
        await page.ClickAsync("#kiosk-finish");
        await page.Locator("#kiosk-start").WaitForAsync();
        await page.WaitForInteractiveAsync();
        Assert.Equal("ca", await page.Locator("main").EvaluateAsync<string>("m => m.closest('[lang]').lang"));
        await Eventually.Until(() => PrivacyStateAsync(kiosk.Credential), s => s.OpenSessionId is null && s.WipeSessionId is null, what: "the session ended and its wipe acknowledged");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task After_the_idle_time_the_session_ends_and_nothing_of_the_citizen_is_left_in_the_page_storage_cookies_or_history()
    {
        await platform.DuringOpeningHoursAsync(Office);
        var kiosk = await EnrolKioskAsync();
        var page = await platform.NewKioskPageAsync();
        await platform.SetUpKioskAsync(page, kiosk.Credential);
        var historyBefore = await page.EvaluateAsync<int>("history.length");
        var deviceCookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "omni.kiosk").Value;

        await page.ClickAsync("#kiosk-start");
        await page.ClickAsync("#kiosk-lang-es");
        await page.ClickAsync("#kiosk-contrast");
        await page.ClickAsync($"#kiosk-menu button[data-code='{Need}']");
        var number = (await page.Locator("#ticket-number").InnerTextAsync()).Trim();
        // A code typed and looked up (form state), then what a visit may leave in a browser: storage and a readable cookie.
        var code = await SubmitCaseAsync();
        await page.ClickAsync("#kiosk-another");
        await page.ClickAsync("#kiosk-lookup");
        await page.FillAsync("#kiosk-code", code);
        await page.ClickAsync("#kiosk-code-find");
        await page.Locator("#kiosk-found-status").WaitForAsync();

        await page.EvaluateAsync("() => { sessionStorage.setItem('citizen', 'x'); localStorage.setItem('citizen', 'x'); document.cookie = 'citizen=x; path=/'; }");

        var configuration = platform.ConsoleHost.Services.GetRequiredService<IConfiguration>();
        configuration["Kiosk:IdleSeconds"] = "20"; // the warning 10 s before: time for axe to check it
        try
        {
            await page.Locator("#kiosk-idle-warning").WaitForAsync();
            await page.InspectAsync("kiosk-idle-warning-es-high-contrast");
            await page.Locator("#kiosk-start").WaitForAsync(new() { Timeout = 30_000 });
            await page.WaitForInteractiveAsync();
        }
        finally
        {
            configuration["Kiosk:IdleSeconds"] = "90";
        }
        await page.InspectAsync("kiosk-after-wipe-ca");

        Assert.DoesNotContain(number, await page.ContentAsync());
        Assert.DoesNotContain(code, await page.ContentAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("sessionStorage.length"));
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length"));
        Assert.Equal(historyBefore, await page.EvaluateAsync<int>("history.length"));
        Assert.Equal("ca", await page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Equal(0, await page.Locator(".kiosk-contrast").CountAsync());
        var cookies = await page.Context.CookiesAsync();
        Assert.Equal(deviceCookie, cookies.Single(c => c.Name == "omni.kiosk").Value);
        // Left: the device's cookie, and at most a fresh antiforgery cookie of the clean page (random, nobody's).
        Assert.All(cookies, c => Assert.True(c.Name == "omni.kiosk" || c.Name.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal), $"cookie {c.Name} left"));
        await Eventually.Until(() => PrivacyStateAsync(kiosk.Credential), s => s.OpenSessionId is null && s.WipeSessionId is null, what: "the wipe acknowledged");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_refused_credential_sets_nothing_up_and_says_so()
    {
        var page = await platform.NewKioskPageAsync();
        await page.GotoAsync(platform.ConsoleUrl + "kiosk");
        await page.WaitForURLAsync("**/kiosk/setup**");
        await page.WaitForInteractiveAsync();
        await page.FillAsync("#kiosk-credential", $"{ConsolePlatform.Council}.KAAA-AAAA.not-a-secret");
        await page.ClickAsync("#kiosk-setup-save");
        await page.Locator("#kiosk-setup-error").WaitForAsync();
        await page.InspectAsync("kiosk-setup-refused-ca");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "omni.kiosk");
        await page.Context.CloseAsync();
    }

    private sealed record PrivacyState(Guid? OpenSessionId, Guid? WipeSessionId, bool OutOfService);

    /// <summary>A kiosk of its own for each test (one private session at a time per kiosk), with a menu of one need.</summary>
    private Task<Enrolled> EnrolKioskAsync() => DemoKiosks.EnrolAsync(platform, Office, Need, "touchscreen", "printer");

    /// <summary>A case submitted online, whose tracking code a citizen brings to the kiosk.</summary>
    private async Task<string> SubmitCaseAsync()
    {
        using var submitted = await platform.AsChannelApp().PostAsJsonAsync("/api/procedures/cases", new { procedureCode = Need, channel = "online" });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
    }

    private async Task<HttpClient> AsKioskAsync(string credential)
    {
        using var signIn = await platform.Gateway.Client(null).PostAsJsonAsync("/api/kiosks/device-tokens", new { credential });
        signIn.EnsureSuccessStatusCode();
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        return platform.Gateway.Client(token);
    }

    private async Task<PrivacyState> PrivacyStateAsync(string credential)
    {
        var kiosk = await AsKioskAsync(credential);
        var id = credential.Split('.')[1];
        return (await kiosk.GetFromJsonAsync<PrivacyState>($"/api/kiosks/{id}/sessions/state"))!;
    }

    private async Task<int> OpenSessionsAsync(string credential) => (await PrivacyStateAsync(credential)).OpenSessionId is null ? 0 : 1;

    private async Task<string?> PrinterStateAsync(string kioskId)
    {
        var fleet = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/kiosks/offices/{Office}/fleet");
        var kiosk = fleet.GetProperty("kiosks").EnumerateArray().FirstOrDefault(k => k.GetProperty("kioskId").GetString() == kioskId);
        if (kiosk.ValueKind != JsonValueKind.Object) return null;
        return kiosk.GetProperty("peripherals").EnumerateArray()
            .Where(p => p.GetProperty("peripheral").GetString() == "printer").Select(p => p.GetProperty("state").GetString()).FirstOrDefault();
    }
}
