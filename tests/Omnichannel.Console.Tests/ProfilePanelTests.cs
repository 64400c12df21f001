using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Omnichannel.Testing;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>Beside the citizen's history: linking another identity and changing the notice preferences; and the phone
/// agent booking an appointment on the caller's behalf.</summary>
[Collection(Collections.Staff)]
public sealed class ProfilePanelTests(ConsolePlatform platform)
{
    [Fact]
    public async Task An_agent_links_an_e_mail_to_a_citizen_found_by_phone_and_changes_their_notice_preferences()
    {
        var phone = $"6{Random.Shared.Next(10_000_000, 99_999_999)}";
        var citizen = await RegisterCitizenAsync(phone);
        var email = $"veina.{Guid.NewGuid():N}@example.org";

        var page = await Screens.NewPageAsync(platform, language: "es");
        await page.SignInAsync(platform, "mataro.agent", platform.Passwords["agent"], "citizen");
        await page.SelectOptionAsync("#identity-kind", "phone");
        await page.FillAsync("#identity-value", phone);
        await page.ClickAsync("#find");
        await page.Locator("#citizen-profile dl").WaitForAsync();

        await page.SelectOptionAsync("#link-kind", "email");
        await page.FillAsync("#link-value", "not an e-mail");
        await page.ClickAsync("#link-identity");
        await page.Locator("#link-value-error").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#link-value", "aria-invalid"));

        await page.FillAsync("#link-value", email);
        await page.ClickAsync("#link-identity");
        await page.Locator("#identity-linked").WaitForAsync();
        await Assertions.Expect(page.Locator("#profile-emails")).ToContainTextAsync(email);

        await page.SelectOptionAsync("#pref-language", "es");
        await page.SelectOptionAsync("#pref-channel", "email");
        await page.CheckAsync("#pref-electronic");
        await page.ClickAsync("#save-preferences");
        await page.Locator("#preferences-saved").WaitForAsync();
        await page.InspectAsync("citizen-profile-es");

        Assert.Contains("citizen-request", await platform.ReasonsAsync("citizens", citizen, "citizen-profile"));
        var profile = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}?reason=citizen-request");
        Assert.Contains(email, profile.GetProperty("emails").EnumerateArray().Select(e => e.GetString()));
        var preferences = profile.GetProperty("preferences");
        Assert.Equal(("es", "email", true), (preferences.GetProperty("language").GetString(), preferences.GetProperty("preferredChannel").GetString(), preferences.GetProperty("dealsElectronically").GetBoolean()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_phone_agent_books_an_appointment_on_the_callers_behalf_through_the_phone_channel()
    {
        var citizen = await RegisterCitizenAsync($"6{Random.Shared.Next(10_000_000, 99_999_999)}");
        var day = PhoneDays.Next();
        var asked = await platform.AsChannelApp().PostAsJsonAsync("/api/appointments/callbacks",
            new { citizenId = citizen, callAt = PhoneDays.At(day, 12, 0), procedureCode = "census-registration", topic = "cita", channel = "phone" });
        Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());
        var callback = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("callbackId").GetGuid();

        var page = await Screens.NewPageAsync(platform);
        await page.SignInAsync(platform, "mataro.agent", platform.Passwords["agent"], "phone");
        await page.FillAsync("#callback-day", day.ToString("yyyy-MM-dd"));
        await page.ClickAsync("#show-day");
        await page.Locator($"tr[data-callback='{callback}'] button.secondary:not(.failed)").ClickAsync();
        await Assertions.Expect(page.Locator("#booking-procedure")).ToHaveValueAsync("census-registration");
        await page.SelectOptionAsync("#booking-office", "connecta-space");
        await page.FillAsync("#booking-from", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(9).ToString("yyyy-MM-dd"));
        await page.ClickAsync("#find-slots");
        await page.Locator("#booking-slot").WaitForAsync();
        await page.ClickAsync("#book-slot");
        await page.Locator("#booked").WaitForAsync();
        await page.InspectAsync("phone-booking");

        var appointments = await platform.AsStaff().GetFromJsonAsync<List<JsonElement>>($"/api/appointments/citizens/{citizen}");
        var booked = Assert.Single(appointments!);
        Assert.Equal(("booked", "phone", "connecta-space"), (booked.GetProperty("status").GetString(), booked.GetProperty("channel").GetString(), booked.GetProperty("officeId").GetString()));
        await page.Context.CloseAsync();
    }

    private async Task<Guid> RegisterCitizenAsync(string phone)
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/citizens", new { preferredLanguage = "ca", channel = "phone", phone });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
    }
}
