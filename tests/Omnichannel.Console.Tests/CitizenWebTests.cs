using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Omnichannel.Testing;

using static Omnichannel.StaffConsole.Tests.CitizenScreens;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>
/// The citizen web (/console/web): anonymous citizens on a phone-sized screen find a procedure, book, move and cancel
/// an appointment, add it to their calendar through a link that needs no login, track a code and ask for a call — against
/// the real platform, every page checked with axe-core in Catalan, Spanish and English and photographed.
/// </summary>
[Collection(Collections.CitizenWeb)]
public sealed class CitizenWebTests(ConsolePlatform platform)
{
    private const string Office = "connecta-space";
    private const string Procedure = "census-registration";

    private string WebUrl => platform.ConsoleUrl + "web";

    private async Task<(Guid Id, string Code)> BookByApiAsync(int slotIndex)
    {
        var channel = platform.AsChannelApp();
        var citizen = await (await channel.PostAsJsonAsync("/api/citizens", new { preferredLanguage = "en", channel = "online" })).Content.ReadFromJsonAsync<JsonElement>();
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3).ToString("yyyy-MM-dd");
        var slots = await channel.GetFromJsonAsync<JsonElement>($"/api/appointments/slots?procedureCode={Procedure}&officeId={Office}&from={from}");
        var free = slots.GetProperty("slots").EnumerateArray().Where(s => s.GetProperty("free").GetInt32() > 0).ToList();
        var startsAt = free[Math.Min(slotIndex, free.Count - 1)].GetProperty("startsAt").GetDateTimeOffset();
        var booked = await channel.PostAsJsonAsync($"/api/appointments/citizens/{citizen.GetProperty("citizenId").GetGuid()}/bookings",
            new { officeId = Office, procedureCode = Procedure, startsAt, channel = "online" });
        Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        var appointment = await booked.Content.ReadFromJsonAsync<JsonElement>();
        return (appointment.GetProperty("appointmentId").GetGuid(), appointment.GetProperty("code").GetString()!);
    }

    [Fact]
    public async Task On_a_phone_a_citizen_finds_the_procedure_books_it_and_adds_it_to_a_calendar_through_a_link_that_needs_no_login()
    {
        var page = await platform.PhoneAsync("ca");
        await OpenAsync(page, WebUrl);
        Assert.Equal("ca", await page.GetAttributeAsync("html", "lang"));

        // The language chooser: English for the rest of the visit.
        await page.ClickAsync("#language-en");
        await page.WaitForSelectorAsync("html[lang=en]");
        await page.WaitForInteractiveAsync();
        await FitsThePhoneAsync(page, "home");

        await page.ClickAsync("#go-book");
        await page.WaitForSelectorAsync("#procedure-search:not([disabled])");
        await page.FillAsync("#procedure-search", "padro");
        await page.ClickAsync("#search");
        await page.ClickAsync($"#procedures a[data-code='{Procedure}']");
        await page.WaitForSelectorAsync("#documents");
        Assert.Contains("Valid national ID card", await page.InnerTextAsync("#documents"));
        Assert.Contains("With an appointment", await page.InnerTextAsync("#channels"));
        await FitsThePhoneAsync(page, "procedure");

        await page.ClickAsync("#book");
        await page.WaitForSelectorAsync("#office");
        if (await page.InputValueAsync("#office") != Office) await page.SelectOptionAsync("#office", Office);
        var firstTime = page.Locator($"[data-slots-for='{Office}'] input[type=radio][name=slot]").First;
        await firstTime.WaitForAsync();
        await page.Locator($"[data-slots-for='{Office}'] fieldset.web-times label").First.ClickAsync(); // by its label, as a finger would
        Assert.True(await firstTime.IsCheckedAsync());
        await page.FillAsync("#phone", NewPhone());
        await FitsThePhoneAsync(page, "book");
        await page.ClickAsync("#confirm-booking");

        var code = (await page.Locator("#appointment-code").InnerTextAsync()).Trim();
        Assert.Matches("^C[0-9A-Z]{4}-[0-9A-Z]{5}$", code);
        Assert.Equal("Booked", (await page.InnerTextAsync("#appointment-status")).Trim());
        Assert.Contains("Valid national ID card", await page.InnerTextAsync("#appointment-documents"));
        await page.InspectAsync("web-booked-phone-en");
        await FitsThePhoneAsync(page, "booked");

        // The calendar link: no cookie, no token — a calendar app fetches it as it is.
        var href = await page.GetAttributeAsync("#calendar-link", "href");
        Assert.StartsWith("/api/appointments/calendars/", href);
        Assert.DoesNotContain(code, href);
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.HttpAddress };
        using var ics = await anonymous.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        var text = (await ics.Content.ReadAsStringAsync()).Replace("\r\n ", "");
        Assert.Contains($"SUMMARY;LANGUAGE=en:Census registration for new residents ({code})", text);
        Assert.Contains("Documents to bring:\\n- Valid national ID card\\, NIE or passport", text);
        Assert.Contains("STATUS:CONFIRMED", text);

        var signature = href!.Split("signature=")[1];
        var tampered = href.Replace(signature, (signature[0] == 'A' ? "B" : "A") + signature[1..]);
        using var refused = await anonymous.GetAsync(tampered);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var otherLanguage = await anonymous.GetAsync(href.Replace("lang=en", "lang=ca"));
        Assert.Equal(HttpStatusCode.Forbidden, otherLanguage.StatusCode);
    }

    [Fact]
    public async Task A_citizen_moves_and_then_cancels_an_appointment_with_its_code_and_the_calendar_link_says_so()
    {
        var (_, code) = await BookByApiAsync(1);
        var page = await platform.PhoneAsync("es");
        await OpenAsync(page, WebUrl + "/appointment");
        await page.FillAsync("#appointment-code-input", code.ToLowerInvariant().Replace("-", " "));
        await page.ClickAsync("#find-appointment");
        var before = await page.Locator("#appointment-when").InnerTextAsync();

        await page.ClickAsync("#start-move");
        var times = page.Locator("fieldset.web-times label");
        await times.First.WaitForAsync();
        await times.Nth(1).ClickAsync();
        await page.ClickAsync("#confirm-move");
        await page.Locator("#summary-title", new() { HasText = "Cita cambiada" }).WaitForAsync();
        Assert.NotEqual(before, await page.Locator("#appointment-when").InnerTextAsync());
        await page.InspectAsync("web-moved-phone-es");

        await page.ClickAsync("#start-cancel");
        await page.ClickAsync("#confirm-cancel");
        await page.Locator("#appointment-status", new() { HasText = "Anulada" }).WaitForAsync();
        Assert.Equal(0, await page.Locator("#calendar-link").CountAsync());
        await page.InspectAsync("web-cancelled-phone-es");
    }

    [Fact]
    public async Task A_code_typed_with_spaces_and_small_letters_is_tracked_and_a_mistyped_one_is_said_next_to_the_field()
    {
        var channel = platform.AsChannelApp();
        var citizen = await (await channel.PostAsJsonAsync("/api/citizens", new { preferredLanguage = "ca", channel = "online" })).Content.ReadFromJsonAsync<JsonElement>();
        var submitted = await channel.PostAsJsonAsync("/api/procedures/cases",
            new { procedureCode = "census-certificate", channel = "online", citizenId = citizen.GetProperty("citizenId").GetGuid() });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var tracking = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var (_, appointment) = await BookByApiAsync(2);

        var page = await platform.PhoneAsync("ca");
        await OpenAsync(page, WebUrl + "/track");
        await page.FillAsync("#tracking-code", " " + string.Join(" ", tracking.Replace("-", "").ToLowerInvariant().Chunk(3).Select(c => new string(c))) + " ");
        await page.ClickAsync("#track");
        await page.Locator("#tracked-code", new() { HasText = tracking }).WaitForAsync();
        Assert.Equal("Rebut", (await page.InnerTextAsync("#tracked-status")).Trim());
        Assert.Contains("Certificat d'empadronament", await page.InnerTextAsync("#tracked-what"));
        await page.InspectAsync("web-track-case-phone-ca");

        await page.FillAsync("#tracking-code", appointment.ToLowerInvariant().Replace("-", " "));
        await page.ClickAsync("#track");
        await page.Locator("#tracked-code", new() { HasText = appointment }).WaitForAsync();
        Assert.Equal("Confirmada", (await page.InnerTextAsync("#tracked-status")).Trim());

        // One symbol changed: the API says it is a typo, and the page says it next to the code, not as "not found".
        var typo = appointment[..^1] + (appointment[^1] == '0' ? '1' : '0');
        await page.FillAsync("#tracking-code", typo);
        await page.ClickAsync("#track");
        await page.WaitForSelectorAsync("#tracking-code-error");
        Assert.Equal("true", await page.GetAttributeAsync("#tracking-code", "aria-invalid"));
        Assert.Contains("tracking-code-error", await page.GetAttributeAsync("#tracking-code", "aria-describedby"));
        await page.InspectAsync("web-track-typo-phone-ca");
    }

    [Fact]
    public async Task A_citizen_asks_for_a_call_and_the_phone_line_sees_it_and_a_wrong_phone_is_said_next_to_the_field()
    {
        var page = await platform.PhoneAsync("en");
        await OpenAsync(page, WebUrl + "/callback");
        await page.FillAsync("#callback-phone", "12");
        await page.ClickAsync("#request-callback");
        await page.WaitForSelectorAsync("#callback-phone-error");
        Assert.Equal("true", await page.GetAttributeAsync("#callback-phone", "aria-invalid"));
        await page.InspectAsync("web-callback-error-phone-en");

        var phone = NewPhone();
        var day = await page.InputValueAsync("#callback-day");
        await page.FillAsync("#callback-phone", phone);
        await page.SelectOptionAsync("#callback-time", "11:30");
        await page.FillAsync("#callback-topic", "My census registration");
        await page.ClickAsync("#request-callback");
        await page.WaitForSelectorAsync("#callback-done");
        Assert.Contains("11:30", await page.InnerTextAsync("#callback-when"));
        await page.InspectAsync("web-callback-done-phone-en");

        var callbacks = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/appointments/callbacks?date={day}");
        Assert.Contains(callbacks.EnumerateArray(), c => c.GetProperty("phone").GetString()!.EndsWith(phone, StringComparison.Ordinal)
            && c.GetProperty("topic").GetString() == "My census registration");
    }

    [Theory]
    [InlineData("ca", "padro")]
    [InlineData("es", "padron")]
    [InlineData("en", "census")]
    public async Task Every_page_of_the_citizen_web_passes_axe_in_each_language(string language, string words)
    {
        var page = await platform.PhoneAsync(language);
        await OpenAsync(page, WebUrl);
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await page.InspectAsync($"web-home-{language}");

        await OpenAsync(page, WebUrl + "/procedures");
        await page.FillAsync("#procedure-search", words);
        await page.ClickAsync("#search");
        await page.WaitForSelectorAsync($"#procedures a[data-code='{Procedure}']");
        await page.InspectAsync($"web-procedures-{language}");

        await OpenAsync(page, WebUrl + $"/procedures/{Procedure}");
        await page.WaitForSelectorAsync("#documents");
        await page.InspectAsync($"web-procedure-{language}");

        await OpenAsync(page, WebUrl + $"/book/{Procedure}");
        await page.Locator("input[type=radio][name=slot]").First.WaitForAsync();
        await page.InspectAsync($"web-book-{language}");

        var (_, code) = await BookByApiAsync(3);
        await OpenAsync(page, WebUrl + "/appointment");
        await page.FillAsync("#appointment-code-input", code);
        await page.ClickAsync("#find-appointment");
        await page.WaitForSelectorAsync("#calendar-link");
        await page.InspectAsync($"web-appointment-{language}");

        await OpenAsync(page, WebUrl + "/track");
        await page.InspectAsync($"web-track-{language}");

        await OpenAsync(page, WebUrl + "/callback");
        await page.InspectAsync($"web-callback-{language}");
    }

    [Fact]
    public async Task The_short_address_web_on_the_gateway_leads_to_the_citizen_web()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = platform.Gateway.HttpAddress };
        using var response = await http.GetAsync("/web");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/web", response.Headers.Location?.OriginalString);
    }
}
