using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Omnichannel.Testing;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>The kiosk fleet: each kiosk's connection and peripherals with since when, and a remote-assistance request
/// accepted and finished from the console.</summary>
[Collection(Collections.Staff)]
public sealed class FleetPanelTests(ConsolePlatform platform)
{
    private const string Office = "connecta-space";

    [Fact]
    public async Task A_supervisor_sees_a_kiosks_printer_low_on_paper_and_accepts_and_finishes_its_help_request()
    {
        var enrolled = await Eventually.Until(async () =>
        {
            var response = await platform.AsStaff().PostAsJsonAsync("/api/kiosks",
                new { officeId = Office, location = "Vestíbul panells", peripherals = new[] { "touchscreen", "printer", "camera", "speaker", "microphone" } });
            return response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, e => e.ValueKind == JsonValueKind.Object, what: "the kiosks service to know the demo office");
        var kioskId = enrolled.GetProperty("kioskId").GetString()!;
        var signIn = await platform.Gateway.Client().PostAsJsonAsync("/api/kiosks/device-tokens", new { credential = enrolled.GetProperty("credential").GetString() });
        Assert.True(signIn.IsSuccessStatusCode, await signIn.Content.ReadAsStringAsync());
        using var kiosk = platform.Gateway.Client((await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var beat = await kiosk.PostAsJsonAsync($"/api/kiosks/{kioskId}/heartbeats",
            new { sentAt = DateTimeOffset.UtcNow, softwareVersion = "3.0.1", peripherals = new { printer = "paper-low", touchscreen = "ok" } });
        Assert.True(beat.IsSuccessStatusCode, await beat.Content.ReadAsStringAsync());
        var started = await kiosk.PostAsJsonAsync($"/api/kiosks/{kioskId}/sessions", new { identification = "anonymous" });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var session = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetGuid();
        var help = await kiosk.PostAsJsonAsync($"/api/kiosks/{kioskId}/sessions/{session}/help-requests", new { mode = "remote" });
        Assert.True(help.IsSuccessStatusCode, await help.Content.ReadAsStringAsync());
        var request = (await help.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();

        var page = await Screens.NewPageAsync(platform);
        await page.SignInAsync(platform, "mataro.supervisor", platform.Passwords["supervisor"], "kiosk-fleet");
        await page.SelectOptionAsync("#office", Office);
        var row = page.Locator($"tr[data-kiosk='{kioskId}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-connection", "online");
        await Assertions.Expect(row.Locator("li[data-peripheral='printer']")).ToHaveAttributeAsync("data-state", "paper-low");
        var asked = page.Locator($"tr[data-request='{request}']");
        await Assertions.Expect(asked).ToHaveAttributeAsync("data-status", "waiting");
        await page.InspectAsync("kiosk-fleet");

        await asked.Locator("button.accept").ClickAsync();
        await Assertions.Expect(asked).ToHaveAttributeAsync("data-status", "accepted");
        await page.InspectAsync("kiosk-fleet-assisting");
        await asked.Locator("button.finish").ClickAsync();
        await Assertions.Expect(asked).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
