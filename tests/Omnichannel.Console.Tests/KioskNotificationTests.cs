using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Omnichannel.Testing;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>"My notifications" at the kiosk, in a real browser against the real platform, with the kiosk's device
/// credential only: staff issue an official notification on a citizen's case; the citizen, identified by their DNI at the
/// kiosk, sees it unread, opens it (its first access recorded by procedures with channel kiosk, its legal delivery), sees
/// the print view of the notification alone, and opening it again records nothing new. The citizen's history has both
/// lines and messaging a notice of it. Every step checked by axe-core in Catalan, Spanish and English and photographed.</summary>
[Collection(Collections.Counters)]
public sealed class KioskNotificationTests(ConsolePlatform platform)
{
    private const string Office = "connecta-space";
    private const string Need = "census-certificate";

    [Fact]
    public async Task An_identified_citizen_opens_and_prints_a_notification_at_the_kiosk_and_its_access_is_recorded_once()
    {
        var kiosk = await EnrolKioskAsync();
        var nationalId = NewNationalId();
        var citizen = await RegisterCitizenAsync(nationalId);
        var caseId = await SubmitCaseAsync(citizen);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var title = $"Resolució del certificat {unique}";
        var body = $"Us comuniquem que s'ha resolt favorablement la vostra sol·licitud {unique}.\nPodeu recollir el certificat a l'oficina.";
        await IssueAsync(caseId, title, body);

        var page = await platform.NewKioskPageAsync();
        await platform.SetUpKioskAsync(page, kiosk.Credential);
        await page.ClickAsync("#kiosk-start");
        await page.Locator("#kiosk-notifications").WaitForAsync();
        await page.ClickAsync("#kiosk-notifications");
        await page.Locator("#kiosk-national-id").WaitForAsync();
        await page.FillAsync("#kiosk-national-id", nationalId);
        await page.ClickAsync("#kiosk-identify");

        var item = page.Locator("#kiosk-notifications-list button").First;
        await item.WaitForAsync();
        Assert.Equal("false", await item.GetAttributeAsync("data-read"));
        Assert.Contains(title, await item.InnerTextAsync());
        await page.InspectAsync("kiosk-notifications-list-ca");
        foreach (var language in new[] { "es", "en" })
        {
            await page.ClickAsync($"#kiosk-lang-{language}");
            await page.Locator($"#kiosk-lang-{language}[aria-pressed=true]").WaitForAsync();
            await page.InspectAsync($"kiosk-notifications-list-{language}");
        }
        await AssertTouchTargetsAsync(page);

        // Opened by keyboard: the list's buttons are reachable and pressed with Enter.
        await item.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#notification-body").WaitForAsync();
        Assert.Contains(unique, await page.Locator("#notification-body").InnerTextAsync());
        Assert.Equal("ca", await page.GetAttributeAsync("#notification-body", "lang")); // the text keeps its own language
        await page.InspectAsync("kiosk-notification-en");
        await page.ClickAsync("#kiosk-lang-ca");
        await page.Locator("#kiosk-lang-ca[aria-pressed=true]").WaitForAsync();
        await page.InspectAsync("kiosk-notification-ca");
        await AssertTouchTargetsAsync(page);

        var first = await Eventually.Until(() => NotificationAsync(caseId), n => n.GetProperty("accessedAt").ValueKind == JsonValueKind.String,
            what: "the notification's first access recorded");
        Assert.Equal("kiosk", first.GetProperty("accessChannel").GetString());

        // The print view: the notification alone (title, case, dates, text), no buttons or language chooser.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.True(await page.Locator("#print-notification").IsVisibleAsync());
        Assert.Contains(unique, await page.Locator("#notification-title").InnerTextAsync());
        Assert.NotEmpty((await page.Locator("#notification-accessed").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("#notification-body").IsVisibleAsync());
        Assert.False(await page.Locator("#kiosk-notification-print").IsVisibleAsync());
        Assert.False(await page.Locator("#kiosk-lang-ca").IsVisibleAsync());
        Assert.False(await page.Locator("#kiosk-finish").IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screens.Folder, "kiosk-notification-print.png"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // Back to the list: read now; opened again, the first access stays the delivery.
        await page.ClickAsync("#kiosk-notifications-back");
        await Assertions.Expect(page.Locator("#kiosk-notifications-list button").First).ToHaveAttributeAsync("data-read", "true");
        await page.InspectAsync("kiosk-notifications-read-ca");
        await page.Locator("#kiosk-notifications-list button").First.ClickAsync();
        await page.Locator("#notification-body").WaitForAsync();
        var again = await NotificationAsync(caseId);
        Assert.Equal(first.GetProperty("accessedAt").GetDateTimeOffset(), again.GetProperty("accessedAt").GetDateTimeOffset());

        // The citizen's history: one line of the notification put at their disposal, one of its access; and messaging's notice.
        var history = await Eventually.Until(() => platform.AsChannelApp().GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/history"),
            h => Kinds(h).Count(k => k == "notification-accessed") == 1 && Kinds(h).Contains("notification-issued"), what: "the notification's history lines");
        Assert.Single(Kinds(history), k => k == "notification-accessed");
        await Eventually.Until(() => NoticeCitizensAsync("notification-issued"), citizens => citizens.Contains(citizen), what: "messaging's notice of the notification");

        // The citizen finishes: nothing of the notification is left in the page.
        await page.ClickAsync("#kiosk-finish");
        await page.Locator("#kiosk-start").WaitForAsync();
        await page.WaitForInteractiveAsync();
        var content = await page.ContentAsync();
        Assert.DoesNotContain(unique, content);
        Assert.DoesNotContain(nationalId, content);
        await page.Context.CloseAsync();
    }

    /// <summary>Whom messaging's notices of a kind were for (the list names no citizen; each notice's detail does).</summary>
    private async Task<List<Guid>> NoticeCitizensAsync(string kind)
    {
        var staff = platform.AsStaff();
        var notices = await staff.GetFromJsonAsync<List<JsonElement>>($"/api/messaging/notices?kind={kind}");
        var citizens = new List<Guid>();
        foreach (var notice in notices!)
            citizens.Add((await staff.GetFromJsonAsync<JsonElement>($"/api/messaging/notices/{notice.GetProperty("noticeId").GetGuid()}")).GetProperty("citizenId").GetGuid());
        return citizens;
    }

    private static List<string> Kinds(JsonElement history) =>
        history.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToList();

    private static async Task AssertTouchTargetsAsync(IPage page)
    {
        foreach (var target in await page.Locator("button:visible").AllAsync())
        {
            var box = await target.BoundingBoxAsync();
            Assert.True(box is { Width: >= 44, Height: >= 44 }, $"a touch target smaller than 44 px: {await target.InnerTextAsync()}");
        }
    }


    private static string NewNationalId()
    {
        var number = Random.Shared.Next(10_000_000, 99_999_999);
        return $"{number}{"TRWAGMYFPDXBNJZSQVHLCKE"[number % 23]}";
    }

    private async Task<Guid> RegisterCitizenAsync(string nationalId)
    {
        using var registered = await platform.AsChannelApp().PostAsJsonAsync("/api/citizens",
            new { preferredLanguage = "ca", channel = "online", nationalId, email = $"notif.{Guid.NewGuid():N}@example.cat" });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        return (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
    }

    private async Task<Guid> SubmitCaseAsync(Guid citizen)
    {
        using var submitted = await platform.AsChannelApp().PostAsJsonAsync("/api/procedures/cases", new { procedureCode = Need, channel = "kiosk", citizenId = citizen });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetGuid();
    }

    private async Task IssueAsync(Guid caseId, string title, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/procedures/cases/{caseId}/notifications")
        {
            Content = JsonContent.Create(new { title, body, language = "ca" }),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        using var issued = await platform.AsStaff().SendAsync(request);
        Assert.True(issued.StatusCode == HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
    }

    /// <summary>The notification as staff see it on the case (a sensitive read: with its reason).</summary>
    private async Task<JsonElement> NotificationAsync(Guid caseId)
    {
        var view = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/procedures/cases/{caseId}?reason=case-handling");
        return view.GetProperty("notifications").EnumerateArray().Single();
    }

    private Task<Enrolled> EnrolKioskAsync() => DemoKiosks.EnrolAsync(platform, Office, Need, "touchscreen", "printer");
}
