using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Omnichannel.Testing;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>The staff panels beside the desk: the office's appointments of the day with check-in on arrival and its
/// coming closures; the back office's case inbox with filters and status changes with notes (in Spanish, the channel
/// of each history line in words). Each screen photographed and checked by axe-core.</summary>
[Collection(Collections.Counters)]
public sealed class PanelsTests(ConsolePlatform platform)
{
    private const string Office = "connecta-space";
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    [Fact]
    public async Task The_front_desk_sees_the_offices_appointments_of_a_day_checks_a_citizen_in_on_arrival_and_sees_the_coming_closures()
    {
        var citizen = await RegisterCitizenAsync();
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(8).ToString("yyyy-MM-dd");
        var slots = await platform.AsChannelApp().GetFromJsonAsync<JsonElement>($"/api/appointments/slots?procedureCode=census-registration&officeId={Office}&from={from}");
        var startsAt = slots.GetProperty("slots").EnumerateArray().Last().GetProperty("startsAt").GetDateTimeOffset();
        var booked = await platform.AsChannelApp().PostAsJsonAsync($"/api/appointments/citizens/{citizen}/bookings",
            new { officeId = Office, procedureCode = "census-registration", startsAt, channel = "phone" });
        Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        var appointment = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("appointmentId").GetGuid();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(startsAt, Madrid).DateTime);
        var closed = NextWorkingDay(day.AddDays(40));
        var closure = await platform.AsStaff().PostAsJsonAsync($"/api/appointments/offices/{Office}/closures", new { date = closed, reason = "Obres" });
        Assert.True(closure.IsSuccessStatusCode, await closure.Content.ReadAsStringAsync());

        var page = await Screens.NewPageAsync(platform);
        await page.SignInAsync(platform, "mataro.administrator", platform.Passwords["administrator"], "appointments");
        await page.SelectOptionAsync("#office", Office);
        await page.FillAsync("#appointments-day", day.ToString("yyyy-MM-dd"));
        await page.ClickAsync("#show-appointments");
        var row = page.Locator($"tr[data-appointment='{appointment}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "booked");
        await Assertions.Expect(page.Locator("#closures-coming")).ToContainTextAsync(closed.ToString("dd/MM/yyyy"));
        await page.Locator("#manage-closures").WaitForAsync();
        await page.InspectAsync("appointments-of-the-day");

        // The citizen arrives (check-in opens days ahead in this platform, so a slot next week will do).
        await row.Locator("button.check-in").ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "checked-in");
        Assert.Equal(0, await row.Locator("button.check-in").CountAsync());
        var read = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/appointments/{appointment}");
        Assert.Equal("checked-in", read.GetProperty("status").GetString());
        await page.InspectAsync("appointments-checked-in");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_back_office_filters_the_case_inbox_and_changes_a_status_with_a_note_the_api_asks_for_next_to_its_field()
    {
        var citizen = await RegisterCitizenAsync();
        var submitted = await platform.AsChannelApp().PostAsJsonAsync("/api/procedures/cases", new { procedureCode = "census-history-certificate", channel = "phone", citizenId = citizen });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var caseId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetGuid();

        var page = await Screens.NewPageAsync(platform, language: "es");
        await page.SignInAsync(platform, "mataro.backoffice", platform.Passwords["backoffice"], "cases");
        await page.SelectOptionAsync("#case-status-filter", "submitted");
        await page.SelectOptionAsync("#case-procedure-filter", "census-history-certificate");
        await page.SelectOptionAsync("#case-channel-filter", "phone");
        await page.ClickAsync("#filter-cases");
        var row = page.Locator($"tr[data-case='{caseId}']");
        await row.Locator("button.open-case").ClickAsync();
        await page.Locator("#case-detail").WaitForAsync();

        // Awaiting the citizen needs a note telling them what is missing: the API says so next to the note.
        await page.SelectOptionAsync("#case-new-status", "awaiting-citizen");
        await page.ClickAsync("#change-case-status");
        await page.Locator("#case-note-error").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#case-note", "aria-invalid"));
        await page.InspectAsync("cases-note-error-es");

        await page.FillAsync("#case-note", "Falta el contrato de alquiler");
        await page.ClickAsync("#change-case-status");
        await page.Locator("#case-changed").WaitForAsync();
        await Assertions.Expect(page.Locator("#case-history")).ToContainTextAsync("Falta el contrato de alquiler");
        await Assertions.Expect(page.Locator("#case-status")).ToHaveTextAsync("Esperando al ciudadano");
        var read = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/procedures/cases/{caseId}?reason=case-handling");
        Assert.Equal("awaiting-citizen", read.GetProperty("status").GetString());

        // The citizen's history beside the case names its channel in words, in the member of staff's language.
        var channel = page.Locator("#history-case li[data-kind='case-submitted'] .channel").First;
        await Assertions.Expect(channel).ToHaveTextAsync("Teléfono", new() { Timeout = 15_000 });
        await page.InspectAsync("cases-es");
        Assert.Contains("case-handling", await platform.ReasonsAsync("procedures", citizen, "case-details"));
        Assert.Contains("case-handling", await platform.ReasonsAsync("citizens", citizen, "citizen-history"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_agent_is_not_shown_the_case_inbox_and_cannot_open_it()
    {
        var page = await Screens.NewPageAsync(platform);
        await page.SignInAsync(platform, "mataro.agent", platform.Passwords["agent"]);
        Assert.Equal(0, await page.Locator("nav a[href='cases']").CountAsync());
        Assert.Equal(1, await page.Locator("nav a[href='appointments']").CountAsync());
        await page.GotoAsync(platform.ConsoleUrl + "cases");
        await page.Locator("#forbidden").WaitForAsync();
        Assert.Equal(0, await page.Locator("#case-inbox").CountAsync());
        await page.Context.CloseAsync();
    }

    private static DateOnly NextWorkingDay(DateOnly day)
    {
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        return day;
    }

    private async Task<Guid> RegisterCitizenAsync()
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/citizens", new { preferredLanguage = "es", channel = "phone", phone = $"6{Random.Shared.Next(10_000_000, 99_999_999)}" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
    }
}
