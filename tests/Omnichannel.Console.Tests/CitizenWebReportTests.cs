using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;
using Omnichannel.Testing;

using static Omnichannel.StaffConsole.Tests.CitizenScreens;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>
/// The citizen web's report of a problem (a photo, a place on the drawn map, "already reported nearby") and its booking
/// through a booking window's waiting room — on a phone-sized screen with reduced motion, against the real platform,
/// checked with axe-core and photographed.
/// </summary>
[Collection(Collections.CitizenWeb)]
public sealed class CitizenWebReportTests(ConsolePlatform platform)
{
    /// <summary>A 1×1 PNG: a photo by its content.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private string WebUrl => platform.ConsoleUrl + "web";

    /// <summary>The point in the middle of the map, chosen with the keyboard (the first arrow puts the pin there).</summary>
    private static async Task PinTheMiddleByKeyboardAsync(IPage page)
    {
        await page.FocusAsync("#report-map");
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Locator("#report-map[data-lat]").WaitForAsync();
    }

    [Fact]
    public async Task A_citizen_reports_a_broken_streetlight_anonymously_with_a_photo_and_a_place_and_a_neighbour_is_offered_to_follow_it()
    {
        var page = await platform.PhoneAsync("en");
        await OpenAsync(page, WebUrl);
        await page.ClickAsync("#go-report");
        await page.WaitForSelectorAsync("#report-description:not([disabled])");

        await page.CheckAsync("#kind-complaint");
        await page.SelectOptionAsync("#report-category", "streetlight");
        await page.FillAsync("#report-description", "The streetlight in front of number 12 is off every night.");
        await page.SetInputFilesAsync("#report-photo", new FilePayload { Name = "streetlight.png", MimeType = "image/png", Buffer = Png });
        await PinTheMiddleByKeyboardAsync(page);
        var first = await page.GetAttributeAsync("#report-map", "data-lat");
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Locator($"#report-map:not([data-lat='{first}'])").WaitForAsync();
        await page.Keyboard.PressAsync("ArrowDown"); // back to the middle, said in words from the town hall
        await page.Locator($"#report-map[data-lat='{first}']").WaitForAsync();
        Assert.Contains("of the town hall", await page.InnerTextAsync("#report-map-point"));
        await FitsThePhoneAsync(page, "report");
        await page.InspectAsync("web-report-filled-phone-en");
        await page.ClickAsync("#send-report");

        var code = (await page.Locator("#incident-code").InnerTextAsync()).Trim();
        Assert.Matches("^N[0-9A-Z]{4,5}-[0-9A-Z]{5}$", code);
        await page.Locator("#photo-attached").WaitForAsync();
        Assert.Equal(0, await page.Locator("#nearby").CountAsync());
        await page.InspectAsync("web-report-done-phone-en");

        // The photo is the incident's, as sent (by its hash), for whoever holds the code.
        var sha = Convert.ToHexStringLower(SHA256.HashData(Png));
        using var photo = await platform.AsChannelApp().GetAsync($"/api/incidents/by-code/{code}/attachments/{sha}");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal(Png, await photo.Content.ReadAsByteArrayAsync());

        // A neighbour reports the same at the same place, with a phone and a file that is not a photo: the report is
        // kept, the file's refusal is said next to the photo field, the report nearby is offered to follow.
        var neighbour = await platform.PhoneAsync("es");
        await OpenAsync(neighbour, WebUrl + "/report");
        await neighbour.SelectOptionAsync("#report-category", "streetlight");
        await neighbour.FillAsync("#report-description", "La farola no funciona.");
        await neighbour.SetInputFilesAsync("#report-photo", new FilePayload { Name = "farola.txt", MimeType = "text/plain", Buffer = "no es una foto"u8.ToArray() });
        await PinTheMiddleByKeyboardAsync(neighbour);
        await neighbour.FillAsync("#report-phone", NewPhone());
        await neighbour.ClickAsync("#send-report");
        await neighbour.Locator("#incident-code").WaitForAsync();
        await neighbour.Locator("#report-photo-error[role='alert']").WaitForAsync();
        Assert.Equal("true", await neighbour.GetAttributeAsync("#report-photo", "aria-invalid"));
        Assert.Contains("report-photo-error", await neighbour.GetAttributeAsync("#report-photo", "aria-describedby"));
        Assert.Contains("no es una foto", await neighbour.InnerTextAsync("#report-photo-error"));
        Assert.True(await neighbour.Locator("#nearby li").CountAsync() >= 1);
        await neighbour.InspectAsync("web-report-nearby-photo-refused-phone-es");

        await neighbour.Locator("#nearby li button").First.ClickAsync();
        await neighbour.Locator("#nearby .web-done").First.WaitForAsync();
        // Another file, now a photo, to the same report.
        await neighbour.SetInputFilesAsync("#report-photo", new FilePayload { Name = "farola.png", MimeType = "image/png", Buffer = Png });
        await neighbour.ClickAsync("#send-photo");
        await neighbour.Locator("#photo-attached").WaitForAsync();
        Assert.Equal(0, await neighbour.Locator("#report-photo-error").CountAsync());
        await neighbour.InspectAsync("web-report-followed-phone-es");
    }

    [Theory]
    [InlineData("ca")]
    [InlineData("es")]
    [InlineData("en")]
    public async Task The_report_page_passes_axe_and_says_what_is_missing_next_to_its_field_in_each_language(string language)
    {
        var page = await platform.PhoneAsync(language);
        await OpenAsync(page, WebUrl + "/report");
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await page.InspectAsync($"web-report-{language}");

        // A question needs a phone (only complaints and suggestions may be anonymous); an empty description is said first.
        await page.CheckAsync("#kind-l1-question");
        await page.ClickAsync("#send-report");
        await page.Locator("#report-description-error").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#report-description", "aria-invalid"));
        await page.FillAsync("#report-description", "?");
        await page.ClickAsync("#send-report");
        await page.Locator("#report-phone-error").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#report-phone", "aria-invalid"));
        await PinTheMiddleByKeyboardAsync(page);
        await page.InspectAsync($"web-report-errors-{language}");
    }

    [Fact]
    public async Task Booking_behind_a_waiting_room_shows_the_place_in_line_and_moves_on_by_itself_to_the_times_when_it_is_the_citizens_turn()
    {
        const string procedure = "school-lunch-aid";
        var day = await OpenWindowAsync(procedure);
        var ahead = await JoinAndWaitForAdmissionAsync(procedure);

        var page = await platform.PhoneAsync("es");
        await OpenAsync(page, WebUrl + $"/book/{procedure}");
        await page.Locator("#waiting-room[data-state='not-joined']").WaitForAsync();
        Assert.Equal(0, await page.Locator("input[type=radio][name=slot]").CountAsync());
        await page.FillAsync("#phone", NewPhone());
        await page.ClickAsync("#join-room");
        await page.Locator("#waiting-room[data-state='waiting']").WaitForAsync();
        Assert.Contains("Posición 1", await page.InnerTextAsync("#room-position"));
        // Nobody ahead: "you are next" in words, not "ahead of you: 0".
        Assert.Contains("es el siguiente", await page.InnerTextAsync("#room-position"));
        Assert.DoesNotContain(": 0", await page.InnerTextAsync("#room-position"));
        Assert.Equal("true", await page.GetAttributeAsync("#room-position", "data-next"));
        Assert.Contains("min", await page.InnerTextAsync("#room-estimate"));
        Assert.Equal("polite", await page.GetAttributeAsync("#room-status", "aria-live"));
        await FitsThePhoneAsync(page, "waiting room");
        await page.InspectAsync("web-room-waiting-phone-es");

        // The one ahead gives its turn back: the page is admitted by itself and shows the window's times.
        using var other = platform.Gateway.Client(platform.Tokens.ChannelApp(subject: "another-portal"));
        using var leave = new HttpRequestMessage(HttpMethod.Post, $"/api/appointments/waiting-rooms/{procedure}/turn/leaving");
        leave.Headers.Add("Waiting-Room-Token", ahead);
        Assert.True((await other.SendAsync(leave)).IsSuccessStatusCode);
        await page.Locator("input[type=radio][name=slot]").First.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(0, await page.Locator("#waiting-room").CountAsync());
        await page.SelectOptionAsync("#slot-day", day.ToString("yyyy-MM-dd"));
        await page.Locator("fieldset.web-times label").First.ClickAsync();
        await page.ClickAsync("#confirm-booking");
        var code = (await page.Locator("#appointment-code").InnerTextAsync()).Trim();
        Assert.Matches("^C[0-9A-Z]{4}-[0-9A-Z]{5}$", code);
        await page.InspectAsync("web-room-booked-phone-es");
    }

    [Fact]
    public async Task When_the_waiting_room_runs_out_of_places_the_page_says_no_places_left_and_offers_the_alternatives()
    {
        const string procedure = "energy-poverty-aid";
        const string office = "cc-rocafonda"; // a window at one office: few places to take
        var day = await OpenWindowAsync(procedure, office);
        var ahead = await JoinAndWaitForAdmissionAsync(procedure);

        var page = await platform.PhoneAsync("ca");
        await OpenAsync(page, WebUrl + $"/book/{procedure}");
        await page.SelectOptionAsync("#office", office);
        await page.Locator("#waiting-room[data-state='not-joined']").WaitForAsync();
        await page.FillAsync("#phone", NewPhone());
        await page.ClickAsync("#join-room");
        await page.Locator("#waiting-room[data-state='waiting']").WaitForAsync();
        await page.InspectAsync("web-room-waiting-phone-ca");

        // Every place of the day goes at the counter (staff are not queued); the admitted client's search finds none,
        // and the room tells everyone.
        using var staff = platform.AsStaff();
        var free = await staff.GetFromJsonAsync<JsonElement>($"/api/appointments/slots?procedureCode={procedure}&officeId={office}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        foreach (var slot in free.GetProperty("slots").EnumerateArray())
            for (var i = 0; i < slot.GetProperty("free").GetInt32(); i++)
            {
                var citizen = await (await staff.PostAsJsonAsync("/api/citizens", new { preferredLanguage = "ca", channel = "on-site" })).Content.ReadFromJsonAsync<JsonElement>();
                // The gateway's booking limits answer 429 to a burst: each booking is tried again when it says so.
                var booked = await Eventually.Until(() => staff.PostAsJsonAsync($"/api/appointments/citizens/{citizen.GetProperty("citizenId").GetGuid()}/bookings",
                        new { officeId = office, procedureCode = procedure, startsAt = slot.GetProperty("startsAt").GetDateTimeOffset(), channel = "on-site" }),
                    r => r.StatusCode != HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(60), "the gateway to take the counter's booking");
                Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
            }
        using var other = platform.Gateway.Client(platform.Tokens.ChannelApp(subject: "another-portal"));
        using var search = new HttpRequestMessage(HttpMethod.Get, $"/api/appointments/slots?procedureCode={procedure}&officeId={office}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        search.Headers.Add("Waiting-Room-Token", ahead);
        await other.SendAsync(search);

        await page.Locator("#waiting-room[data-state='no-places-left']").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(day.AddDays(1).ToString("yyyy-MM-dd"), (await page.GetAttributeAsync("#room-after", "href"))!.Split("from=")[1]);
        Assert.Equal(1, await page.Locator("#room-call-me").CountAsync());
        await page.InspectAsync("web-room-no-places-phone-ca");

        // The first alternative: the days after the window, bookable with no line.
        await page.ClickAsync("#room-after");
        await page.Locator("input[type=radio][name=slot]").First.WaitForAsync();
        await page.InspectAsync("web-room-after-phone-ca");
    }

    /// <summary>Opens the procedure's booking window now, one admission at a time, on its first day with free times a week on.</summary>
    private async Task<DateOnly> OpenWindowAsync(string procedure, string? office = null)
    {
        using var staff = platform.AsStaff();
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);
        var at = office is null ? "" : $"&officeId={office}";
        var slots = await staff.GetFromJsonAsync<JsonElement>($"/api/appointments/slots?procedureCode={procedure}{at}&from={from:yyyy-MM-dd}&to={from.AddDays(14):yyyy-MM-dd}");
        var day = DateOnly.FromDateTime(slots.GetProperty("slots").EnumerateArray().First(s => s.GetProperty("free").GetInt32() > 0)
            .GetProperty("startsAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(1)).Date);
        var opened = await staff.PutAsJsonAsync($"/api/appointments/waiting-rooms/{procedure}",
            new { opensAt = DateTimeOffset.UtcNow.AddMinutes(-1), firstDay = day, lastDay = day, officeId = office, admitAtOnce = 1, admissionSeconds = 600 });
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        return day;
    }

    /// <summary>Another portal's citizen takes the first place and is let in (holding the one admission): its token.</summary>
    private async Task<string> JoinAndWaitForAdmissionAsync(string procedure)
    {
        using var other = platform.Gateway.Client(platform.Tokens.ChannelApp(subject: "another-portal"));
        var citizen = await (await other.PostAsJsonAsync("/api/citizens", new { preferredLanguage = "ca", channel = "online" })).Content.ReadFromJsonAsync<JsonElement>();
        var joined = await other.PostAsJsonAsync($"/api/appointments/waiting-rooms/{procedure}/entries", new { citizenId = citizen.GetProperty("citizenId").GetGuid() });
        Assert.True(joined.IsSuccessStatusCode, await joined.Content.ReadAsStringAsync());
        var turn = await joined.Content.ReadFromJsonAsync<JsonElement>();
        for (var i = 0; i < 10 && turn.GetProperty("state").GetString() != "admitted"; i++)
        {
            using var look = new HttpRequestMessage(HttpMethod.Get, $"/api/appointments/waiting-rooms/{procedure}/turn?wait=5");
            look.Headers.Add("Waiting-Room-Token", turn.GetProperty("token").GetString());
            turn = await (await other.SendAsync(look)).Content.ReadFromJsonAsync<JsonElement>();
        }
        Assert.Equal("admitted", turn.GetProperty("state").GetString());
        return turn.GetProperty("token").GetString()!;
    }
}
