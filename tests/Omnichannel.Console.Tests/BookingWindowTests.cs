using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>The booking windows: a supervisor opens a procedure's appointments behind the waiting room, now or at a
/// time entered in Madrid time, and watches the room fill without reloading; the API's problems shown next to their
/// field; agents kept out. Each procedure here is used by no other console test (a window puts its bookings in line).</summary>
[Collection(Collections.CitizenWeb)]
public sealed class BookingWindowTests(ConsolePlatform platform)
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    [Fact]
    public async Task A_supervisor_schedules_a_window_for_tomorrow_in_madrid_time_and_sees_it_scheduled()
    {
        const string procedure = "tax-bonus-application";
        var day = await DayWithPlacesAsync(procedure);
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Madrid).Date.AddDays(1).AddHours(10);

        var page = await Screens.NewPageAsync(platform, "ca");
        await page.SignInAsync(platform, "mataro.supervisor", platform.Passwords["supervisor"], "booking-windows");
        await page.SelectOptionAsync("#window-procedure", procedure);
        await page.FillAsync("#window-first-day", day.ToString("yyyy-MM-dd"));
        await page.FillAsync("#window-last-day", day.ToString("yyyy-MM-dd"));
        await page.FillAsync("#window-opens-at", tomorrow.ToString("yyyy-MM-ddTHH:mm"));
        await page.ClickAsync("#schedule-window");

        await page.Locator("#window-saved").WaitForAsync();
        await page.Locator("#room[data-state='scheduled']").WaitForAsync();
        await Assertions.Expect(page.Locator("#room-state")).ToHaveTextAsync("Programada");
        await Assertions.Expect(page.Locator("#room-opens-at")).ToHaveTextAsync(tomorrow.ToString("dd/MM/yyyy 10:00"));
        Assert.True(int.Parse(await page.InnerTextAsync("#room-places")) > 0);
        // The time entered is the council's: 10:00 in Madrid, whatever the server's zone.
        var stored = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/appointments/waiting-rooms/{procedure}");
        Assert.Equal(new DateTimeOffset(tomorrow, Madrid.GetUtcOffset(tomorrow)), stored.GetProperty("opensAt").GetDateTimeOffset());
        Assert.Equal("scheduled", stored.GetProperty("state").GetString());
        await page.InspectAsync("booking-window-scheduled-ca");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_window_opened_now_shows_a_citizen_joining_through_the_api_without_a_reload()
    {
        const string procedure = "vehicle-tax-exemption";
        const string portal = "booking-window-portal";
        var day = await DayWithPlacesAsync(procedure);

        var page = await Screens.NewPageAsync(platform, "es");
        await page.SignInAsync(platform, "mataro.supervisor", platform.Passwords["supervisor"], "booking-windows");
        await page.SelectOptionAsync("#window-procedure", procedure);
        await page.FillAsync("#window-first-day", day.ToString("yyyy-MM-dd"));
        await page.FillAsync("#window-last-day", day.ToString("yyyy-MM-dd"));
        await page.ClickAsync("#open-window-now");
        await page.Locator("#room[data-state='open']").WaitForAsync();
        await Assertions.Expect(page.Locator("#room-state")).ToHaveTextAsync("Abierta");
        await page.Locator("#room-no-clients").WaitForAsync();

        // A citizen takes a place in line through another portal, as the citizen apps do.
        using var channel = platform.Gateway.Client(platform.Tokens.ChannelApp(subject: portal));
        var registered = await channel.PostAsJsonAsync("/api/citizens", new { preferredLanguage = "es", channel = "online" });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var citizen = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
        var joined = await channel.PostAsJsonAsync($"/api/appointments/waiting-rooms/{procedure}/entries", new { citizenId = citizen });
        Assert.True(joined.IsSuccessStatusCode, await joined.Content.ReadAsStringAsync());

        // The page follows by itself: one in the room (waiting, or already let in to choose), and its client's row.
        await page.WaitForFunctionAsync("() => { const r = document.querySelector('#room'); return r && Number(r.dataset.waiting) + Number(r.dataset.admitted) === 1; }");
        var row = page.Locator($"#room-clients tr[data-client='{portal}']");
        await Assertions.Expect(row.Locator(".positions")).ToHaveTextAsync("1");
        await Assertions.Expect(row.Locator(".bookings")).ToHaveTextAsync("0");
        await page.InspectAsync("booking-window-open-es");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_last_day_before_the_first_day_is_shown_next_to_the_last_day()
    {
        var page = await Screens.NewPageAsync(platform, "en");
        await page.SignInAsync(platform, "mataro.administrator", platform.Passwords["administrator"], "booking-windows");
        await page.SelectOptionAsync("#window-procedure", "tax-bonus-application");
        var first = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20);
        await page.FillAsync("#window-first-day", first.ToString("yyyy-MM-dd"));
        await page.FillAsync("#window-last-day", first.AddDays(-3).ToString("yyyy-MM-dd"));
        await page.ClickAsync("#schedule-window");

        await page.Locator("#window-last-day-error").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#window-last-day", "aria-invalid"));
        Assert.Null(await page.GetAttributeAsync("#window-first-day", "aria-invalid"));
        Assert.Equal(0, await page.Locator("#window-saved").CountAsync());
        await page.InspectAsync("booking-window-error-en");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_agent_is_not_shown_the_booking_windows_and_cannot_open_them()
    {
        var page = await Screens.NewPageAsync(platform);
        await page.SignInAsync(platform, "mataro.agent", platform.Passwords["agent"]);
        Assert.Equal(0, await page.Locator("nav a[href='booking-windows']").CountAsync());
        await page.GotoAsync(platform.ConsoleUrl + "booking-windows");
        await page.Locator("#forbidden").WaitForAsync();
        Assert.Equal(0, await page.Locator("#window-procedure").CountAsync());
        await page.Context.CloseAsync();
    }

    /// <summary>The first day a week on with free times for the procedure (the window's places are those).</summary>
    private async Task<DateOnly> DayWithPlacesAsync(string procedure)
    {
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);
        var slots = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/appointments/slots?procedureCode={procedure}&from={from:yyyy-MM-dd}&to={from.AddDays(14):yyyy-MM-dd}");
        var first = slots.GetProperty("slots").EnumerateArray().First(s => s.GetProperty("free").GetInt32() > 0).GetProperty("startsAt").GetDateTimeOffset();
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(first, Madrid).Date);
    }
}
