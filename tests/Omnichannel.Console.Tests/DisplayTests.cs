using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Omnichannel.Testing;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>The waiting-room display in a real browser against the real platform: set up on the TV with a display
/// device's credential (no staff sign-in), it shows the calls in the order the desks make them and announces each in its
/// live region, says it is reconnecting while the queues service restarts and carries on after, and its device token
/// reads its own office's display feed and nothing else. Every screen photographed and checked by axe-core.</summary>
[Collection(Collections.QueuesRestarts)]
public sealed class DisplayTests(ConsolePlatform platform)
{
    private const string Office = "connecta-space";

    [Fact]
    public async Task A_display_set_up_with_its_device_credential_shows_the_calls_in_the_order_made_and_announces_each()
    {
        await platform.DuringOpeningHoursAsync(Office);
        var (credential, _) = await EnrolDisplayAsync();
        var page = await Screens.NewPageAsync(platform);
        await SetUpAsync(page, credential);

        var desk = await OpenDeskAsync();
        var called = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await IssueAsync();
            called.Add(await CallNextAsync(desk));
        }

        var atDesk = page.Locator($"#display-calls li[data-desk='{desk}']");
        await Eventually.Until(() => atDesk.CountAsync(), count => count == called.Count, what: "the desk's calls on the display");
        // Newest first on the screen: read back, they are the desk's calls in the order it made them.
        var shown = (await atDesk.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.number)")).Reverse().ToList();
        Assert.Equal(called, shown);
        Assert.Equal(called[^1], await page.Locator("#display-calls li").First.GetAttributeAsync("data-number"));
        Assert.Equal($"Tiquet {called[^1]}, taula {desk}", (await page.Locator("#display-announcer[aria-live='polite']").InnerTextAsync()).Trim());
        await page.InspectAsync("display-calls-ca");

        // No token in the page: the TV holds only an HttpOnly cookie naming the display.
        Assert.DoesNotContain("eyJ", await page.ContentAsync());
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "omni.display");
        Assert.True(cookie.HttpOnly);
        Assert.DoesNotContain(credential, cookie.Value);
        await CloseDeskAsync(desk);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_display_says_it_is_reconnecting_while_the_queues_service_restarts_and_shows_new_calls_after()
    {
        await platform.DuringOpeningHoursAsync(Office);
        var (credential, _) = await EnrolDisplayAsync();
        var page = await Screens.NewPageAsync(platform, "en");
        await SetUpAsync(page, credential);
        var desk = await OpenDeskAsync();

        await platform.RestartQueuesAsync(whileStopped: async () =>
        {
            await page.Locator("#display-status[data-state='reconnecting']").WaitForAsync(new() { Timeout = 60_000 });
            Assert.Contains("Reconnecting", await page.Locator("#display-status").InnerTextAsync());
            await page.InspectAsync("display-reconnecting-en");
        });

        await page.Locator("#display-status[data-state='live']").WaitForAsync(new() { Timeout = 60_000 });
        await platform.DuringOpeningHoursAsync(Office);
        await IssueAsync();
        var number = await CallNextAsync(desk);
        await page.Locator($"#display-calls li[data-desk='{desk}'][data-number='{number}']").WaitForAsync();
        Assert.Equal($"Ticket {number}, desk {desk}", (await page.Locator("#display-announcer").InnerTextAsync()).Trim());
        await page.InspectAsync("display-after-restart-en");
        await CloseDeskAsync(desk);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_display_token_reads_its_own_office_display_feed_and_is_refused_for_other_offices_and_other_apis()
    {
        var (credential, displayId) = await EnrolDisplayAsync();
        using var anonymous = platform.Gateway.Client();
        var signIn = await anonymous.PostAsJsonAsync("/api/kiosks/device-tokens", new { credential });
        signIn.EnsureSuccessStatusCode();
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using (var own = new DisplayScreen(platform.Gateway.Client(token), $"/api/queues/offices/{Office}/display"))
        {
            await own.ConnectAsync(cancel.Token);
            Assert.Equal("snapshot", (await own.NextAsync(cancel.Token)).Type);
        }

        using var display = platform.Gateway.Client(token);
        Assert.Equal(HttpStatusCode.Forbidden, (await display.GetAsync("/api/queues/offices/another-office/display", HttpCompletionOption.ResponseHeadersRead)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await display.GetAsync($"/api/queues/offices/{Office}/board")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await display.GetAsync("/api/queues/offices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await display.PostAsync($"/api/queues/offices/{Office}/desks/1/call-next", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await display.GetAsync($"/api/kiosks/{displayId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await display.GetAsync("/api/procedures")).StatusCode);
        // The services themselves hold it to its office too, whatever route reaches them.
        using var toQueues = new HttpClient { BaseAddress = platform.QueuesAddress };
        toQueues.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Forbidden, (await toQueues.GetAsync("/api/queues/offices/another-office/display", HttpCompletionOption.ResponseHeadersRead)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await toQueues.GetAsync($"/api/queues/offices/{Office}/board")).StatusCode);

        // And the console's relay gives nothing to a browser that was not set up as this office's display.
        using var browser = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync($"{platform.ConsoleUrl}display/{Office}/feed")).StatusCode);
    }

    [Theory]
    [InlineData("ca")]
    [InlineData("es")]
    [InlineData("en")]
    public async Task The_display_pages_are_accessible(string language)
    {
        var (credential, _) = await EnrolDisplayAsync();
        var page = await Screens.NewPageAsync(platform, language);
        await page.GotoAsync(platform.ConsoleUrl + "display/setup");
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await page.InspectAsync($"display-setup-{language}");

        // A wrong credential is said next to the field, and nothing is set up.
        await page.FillAsync("#display-credential", $"{ConsolePlatform.Council}.K0000-000.{new string('x', 43)}");
        await page.ClickAsync("#display-setup-submit");
        await page.Locator("#display-credential-error[role='alert']").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#display-credential", "aria-invalid"));
        await page.InspectAsync($"display-setup-refused-{language}");

        await SetUpAsync(page, credential);
        // The office by its name in the directory, in the screen's language — not its id.
        var officeName = language switch
        {
            "es" => "Mataró Connecta Space (Oficina de Atención Ciudadana)",
            "en" => "Mataró Connecta Space (Citizen Assistance Office)",
            _ => "Mataró Connecta Space (Oficina d'Atenció Ciutadana)",
        };
        Assert.Equal(officeName, (await page.InnerTextAsync("#display-office")).Trim());
        Assert.Contains(officeName, await page.TitleAsync());
        await page.InspectAsync($"display-{language}");
        await page.Context.CloseAsync();
    }

    /// <summary>A display device of the office, enrolled by staff at the kiosks service (once the office directory has
    /// reached it): its credential, shown once, and its id.</summary>
    private async Task<(string Credential, string Id)> EnrolDisplayAsync()
    {
        using var staff = platform.AsStaff();
        var enrolled = await Eventually.Until(
            () => staff.PostAsJsonAsync("/api/kiosks", new { officeId = Office, location = "Waiting room", peripherals = Array.Empty<string>(), kind = "display" }),
            r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(60), "the kiosks service to know the office");
        var body = await enrolled.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("credential").GetString()!, body.GetProperty("kioskId").GetString()!);
    }

    /// <summary>The operator's one-time set-up on the TV: the credential typed once, then the office's screen, live.</summary>
    private async Task SetUpAsync(IPage page, string credential)
    {
        await page.GotoAsync(platform.ConsoleUrl + "display/setup");
        await page.FillAsync("#display-credential", credential);
        await page.ClickAsync("#display-setup-submit");
        await page.WaitForURLAsync($"{platform.ConsoleUrl}display/{Office}");
        await page.Locator("#display-status[data-state='live']").WaitForAsync();
    }

    private async Task<string> OpenDeskAsync()
    {
        var desk = $"{Random.Shared.Next(100, 999)}";
        using var staff = platform.AsStaff();
        (await staff.PutAsJsonAsync($"/api/queues/offices/{Office}/desks/{desk}", new { lines = new[] { "point0", "general", "priority" } })).EnsureSuccessStatusCode();
        return desk;
    }

    private async Task CloseDeskAsync(string desk)
    {
        using var staff = platform.AsStaff();
        await staff.DeleteAsync($"/api/queues/offices/{Office}/desks/{desk}");
    }

    private async Task IssueAsync()
    {
        using var app = platform.AsChannelApp();
        var issued = await app.PostAsJsonAsync($"/api/queues/offices/{Office}/tickets", new { procedureCode = "census-certificate", channel = "on-site" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
    }

    /// <summary>The desk calls the next ticket (another test's may come first: whichever it is, it is this desk's call).</summary>
    private async Task<string> CallNextAsync(string desk)
    {
        using var staff = platform.AsStaff();
        var answer = await staff.PostAsync($"/api/queues/offices/{Office}/desks/{desk}/call-next", null);
        answer.EnsureSuccessStatusCode();
        var number = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("current").GetString()!;
        // Served at once, so the desk is free for its next call.
        (await staff.PostAsync($"/api/queues/offices/{Office}/desks/{desk}/start", null)).EnsureSuccessStatusCode();
        (await staff.PostAsync($"/api/queues/offices/{Office}/desks/{desk}/complete", null)).EnsureSuccessStatusCode();
        return number;
    }
}
