using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Omnichannel.Contracts;
using Omnichannel.Testing;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>Appointments at the kiosk, in a real browser against the real platform, with the kiosk's device credential
/// only: a citizen identified by their DNI books (procedure, office — the kiosk's own first —, day and time), prints the
/// receipt, then moves and cancels it by its code; the appointments service has each change. And "I want help" by video:
/// a supervisor accepts it in the fleet panel and the kiosk shows the room. Every step checked by axe-core in Catalan,
/// Spanish and English and photographed.</summary>
[Collection(Collections.Counters)]
public sealed class KioskAppointmentTests(ConsolePlatform platform)
{
    private const string Office = "connecta-space";
    private const string Procedure = "census-registration"; // by appointment at the demo office
    private const string Need = "census-certificate"; // the kiosk's menu (walk-in)

    [Fact]
    public async Task An_identified_citizen_books_an_appointment_at_the_kiosk_then_moves_and_cancels_it_by_its_code()
    {
        var kiosk = await EnrolKioskAsync(["touchscreen", "printer"]);
        var nationalId = NewNationalId();
        var citizen = await RegisterCitizenAsync(nationalId);
        var page = await platform.NewKioskPageAsync();
        await platform.SetUpKioskAsync(page, kiosk.Credential);

        await page.ClickAsync("#kiosk-start");
        await page.Locator("#kiosk-book").WaitForAsync();
        await page.ClickAsync("#kiosk-book");
        await page.Locator("#kiosk-national-id").WaitForAsync();
        await page.InspectAsync("kiosk-appointment-identify-ca");

        // A mistyped check letter is said next to the field; the DNI typed loosely (spaces, lower case) is read.
        var wrongLetter = nationalId[..8] + (nationalId[8] == 'T' ? 'R' : 'T');
        await page.FillAsync("#kiosk-national-id", wrongLetter);
        await page.ClickAsync("#kiosk-identify");
        await page.Locator("#kiosk-national-id-error").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#kiosk-national-id", "aria-invalid"));
        await page.InspectAsync("kiosk-appointment-identify-typo-ca");
        await page.FillAsync("#kiosk-national-id", $"{nationalId[..4]} {nationalId[4..8]} {char.ToLowerInvariant(nationalId[8])}");
        await page.ClickAsync("#kiosk-identify");

        await page.Locator($"#kiosk-appt-procedures button[data-code='{Procedure}']").WaitForAsync();
        await page.InspectAsync("kiosk-appointment-procedure-ca");
        await page.ClickAsync($"#kiosk-appt-procedures button[data-code='{Procedure}']");
        await page.Locator("#kiosk-appt-offices button").First.WaitForAsync();
        Assert.Equal(Office, await page.Locator("#kiosk-appt-offices button").First.GetAttributeAsync("data-office")); // the kiosk's own office first
        await page.InspectAsync("kiosk-appointment-office-ca");
        await page.ClickAsync($"#kiosk-appt-offices button[data-office='{Office}']");

        await page.Locator(".kiosk-appt-time").First.WaitForAsync();
        await page.InspectAsync("kiosk-appointment-slot-ca");
        foreach (var language in new[] { "es", "en" })
        {
            await page.ClickAsync($"#kiosk-lang-{language}");
            await page.Locator($"#kiosk-lang-{language}[aria-pressed=true]").WaitForAsync();
            await page.InspectAsync($"kiosk-appointment-slot-{language}");
        }
        foreach (var target in await page.Locator("button").AllAsync())
        {
            var box = await target.BoundingBoxAsync();
            Assert.True(box is { Width: >= 44, Height: >= 44 }, $"a touch target smaller than 44 px: {await target.InnerTextAsync()}");
        }
        var firstTime = page.Locator(".kiosk-appt-time").First;
        await firstTime.ClickAsync();
        await Assertions.Expect(firstTime).ToHaveAttributeAsync("aria-pressed", "true");
        await page.ClickAsync("#kiosk-appt-confirm");

        var code = (await page.Locator("#appointment-code").InnerTextAsync()).Trim();
        await page.InspectAsync("kiosk-appointment-booked-en");
        var booked = await AppointmentAsync(code);
        Assert.Equal(("booked", Office, Procedure, citizen), (Wire(booked, "status"), booked.GetProperty("officeId").GetString(),
            booked.GetProperty("procedureCode").GetString(), booked.GetProperty("citizenId").GetGuid()));
        Assert.Equal("kiosk", booked.GetProperty("channel").GetString());

        // The receipt's print view: the appointment alone (code, procedure, office, time), no buttons or language chooser.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.True(await page.Locator("#print-appointment").IsVisibleAsync());
        Assert.NotEmpty((await page.Locator("#appointment-when").InnerTextAsync()).Trim());
        Assert.False(await page.Locator("#kiosk-appointment-print").IsVisibleAsync());
        Assert.False(await page.Locator("#kiosk-lang-ca").IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screens.Folder, "kiosk-appointment-print.png"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // Move it, by its code typed loosely: another time of the same office.
        await page.ClickAsync("#kiosk-back");
        await page.ClickAsync("#kiosk-manage");
        await page.FillAsync("#kiosk-appointment-code", code.Replace("-", " ").ToLowerInvariant());
        await page.ClickAsync("#kiosk-appointment-find");
        await page.Locator("#kiosk-appointment-move").WaitForAsync();
        await page.InspectAsync("kiosk-appointment-found-en");
        await page.ClickAsync("#kiosk-appointment-move");
        await page.Locator(".kiosk-appt-time").First.WaitForAsync();
        var oldStart = booked.GetProperty("startsAt").GetDateTimeOffset();
        var other = page.Locator(".kiosk-appt-time[aria-pressed=false]").Nth(1);
        await other.ClickAsync();
        await page.ClickAsync("#kiosk-appt-confirm");
        await page.Locator("#appointment-code").WaitForAsync();
        await page.InspectAsync("kiosk-appointment-moved-en");
        var moved = await Eventually.Until(() => AppointmentAsync(code), a => a.GetProperty("startsAt").GetDateTimeOffset() != oldStart, what: "the appointment moved");
        Assert.Equal("booked", Wire(moved, "status"));

        // Cancel it, in Catalan, after saying yes.
        await page.ClickAsync("#kiosk-lang-ca");
        await page.ClickAsync("#kiosk-back");
        await page.ClickAsync("#kiosk-manage");
        await page.FillAsync("#kiosk-appointment-code", code);
        await page.ClickAsync("#kiosk-appointment-find");
        await page.ClickAsync("#kiosk-appointment-cancel");
        await page.Locator("#kiosk-appointment-cancel-yes").WaitForAsync();
        await page.InspectAsync("kiosk-appointment-cancel-confirm-ca");
        await page.ClickAsync("#kiosk-appointment-cancel-yes");
        await Assertions.Expect(page.Locator("#appointment-status")).ToBeVisibleAsync();
        await page.InspectAsync("kiosk-appointment-cancelled-ca");
        await Eventually.Until(() => AppointmentAsync(code), a => Wire(a, "status") == "cancelled", what: "the appointment cancelled");

        // A code that is not one: said next to the field.
        await page.ClickAsync("#kiosk-back");
        await page.ClickAsync("#kiosk-manage");
        await page.FillAsync("#kiosk-appointment-code", code[..1] + (code[1] == '0' ? '1' : '0') + code[2..]);
        await page.ClickAsync("#kiosk-appointment-find");
        await page.Locator("#kiosk-appointment-code-error").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#kiosk-appointment-code", "aria-invalid"));
        await page.InspectAsync("kiosk-appointment-code-typo-ca");

        // The citizen finishes: nothing of the appointment is left in the page.
        await page.ClickAsync("#kiosk-finish");
        await page.Locator("#kiosk-start").WaitForAsync();
        await page.WaitForInteractiveAsync();
        Assert.DoesNotContain(code, await page.ContentAsync());
        Assert.DoesNotContain(nationalId, await page.ContentAsync());
        await Eventually.Until(() => PrivacyStateAsync(kiosk), s => s.OpenSessionId is null && s.WipeSessionId is null, what: "the session ended and its wipe acknowledged");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_citizens_video_help_request_reaches_the_fleet_panel_and_the_kiosk_shows_the_room_once_a_supervisor_accepts_it()
    {
        var kiosk = await EnrolKioskAsync(["touchscreen", "printer", "camera", "speaker", "microphone"]);
        var page = await platform.NewKioskPageAsync();
        await platform.SetUpKioskAsync(page, kiosk.Credential);
        await page.ClickAsync("#kiosk-start");
        await page.Locator("#kiosk-menu").WaitForAsync();
        await page.ClickAsync("#kiosk-lang-es");
        await page.ClickAsync("#kiosk-help");
        await page.ClickAsync("#kiosk-help-remote");
        await Assertions.Expect(page.Locator("#kiosk-help-status")).ToHaveAttributeAsync("data-status", "waiting");
        await page.InspectAsync("kiosk-help-remote-waiting-es");

        var request = await Eventually.Until(async () =>
            (await platform.AsStaff().GetFromJsonAsync<JsonElement>("/api/kiosks/assistance/remote")).EnumerateArray()
                .FirstOrDefault(r => r.GetProperty("kioskId").GetString() == kiosk.KioskId),
            r => r.ValueKind == JsonValueKind.Object, what: "the kiosk's request in the staff assistance queue");
        var staff = await Screens.NewPageAsync(platform);
        await staff.SignInAsync(platform, "mataro.supervisor", platform.Passwords["supervisor"], "kiosk-fleet");
        await staff.SelectOptionAsync("#office", Office);
        var asked = staff.Locator($"tr[data-request='{request.GetProperty("requestId").GetGuid()}']");
        await Assertions.Expect(asked).ToHaveAttributeAsync("data-status", "waiting");
        await asked.Locator("button.accept").ClickAsync();
        await Assertions.Expect(asked).ToHaveAttributeAsync("data-status", "accepted");

        await Assertions.Expect(page.Locator("#kiosk-help-status")).ToHaveAttributeAsync("data-status", "accepted", new() { Timeout = 20_000 });
        Assert.StartsWith("http", await page.Locator("#kiosk-help-room").GetAttributeAsync("href"));
        await page.InspectAsync("kiosk-help-remote-connected-es");
        await page.ClickAsync("#kiosk-lang-en");
        await page.InspectAsync("kiosk-help-remote-connected-en");

        await asked.Locator("button.finish").ClickAsync();
        await Assertions.Expect(page.Locator("#kiosk-help-status")).ToHaveAttributeAsync("data-status", "closed", new() { Timeout = 20_000 });
        await page.Locator("#kiosk-help-remote").WaitForAsync();
        await page.ClickAsync("#kiosk-lang-ca");
        await page.InspectAsync("kiosk-help-closed-ca");
        await page.ClickAsync("#kiosk-finish");
        await page.Locator("#kiosk-start").WaitForAsync();
        await staff.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_person_the_council_does_not_know_registers_at_the_kiosk_with_consent_and_goes_on_to_book()
    {
        var kiosk = await EnrolKioskAsync(["touchscreen", "printer"]);
        var nationalId = NewNationalId();
        var phone = CitizenScreens.NewPhone();
        var page = await platform.NewKioskPageAsync();
        await platform.SetUpKioskAsync(page, kiosk.Credential);
        await page.ClickAsync("#kiosk-start");
        await page.Locator("#kiosk-book").WaitForAsync();
        await page.ClickAsync("#kiosk-book");
        await page.FillAsync("#kiosk-national-id", nationalId);
        await page.ClickAsync("#kiosk-identify");

        // Nobody has this DNI: registering is offered, the DNI typed carried over, the consent said in each language.
        await page.Locator("#kiosk-register-name").WaitForAsync();
        Assert.Equal(nationalId, await page.InputValueAsync("#kiosk-register-national-id"));
        await page.InspectAsync("kiosk-register-ca");
        foreach (var language in new[] { "es", "en", "ca" })
        {
            await page.ClickAsync($"#kiosk-lang-{language}");
            await page.Locator($"#kiosk-lang-{language}[aria-pressed=true]").WaitForAsync();
            if (language != "ca") await page.InspectAsync($"kiosk-register-{language}");
        }
        Assert.Contains("DNI", await page.InnerTextAsync("label[for=kiosk-register-consent]"));
        foreach (var target in await page.Locator("main button, main input").AllAsync())
        {
            var box = await target.BoundingBoxAsync();
            Assert.True(box is { Width: >= 44, Height: >= 44 }, $"a touch target smaller than 44 px: {await target.GetAttributeAsync("id")}");
        }

        // Without a name or the consent: each said next to its field, and nobody is registered.
        await page.ClickAsync("#kiosk-register");
        await page.Locator("#kiosk-register-consent-error").WaitForAsync();
        await page.Locator("#kiosk-register-name-error").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#kiosk-register-consent", "aria-invalid"));
        Assert.Contains("kiosk-register-name-error", await page.GetAttributeAsync("#kiosk-register-name", "aria-describedby"));
        await page.InspectAsync("kiosk-register-missing-ca");
        using var staff = platform.AsStaff();
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync("/api/citizens/lookup", new { kind = "national-id", value = nationalId })).StatusCode);

        // A phone that is not one: said by the phone, in the citizen's language.
        await page.FillAsync("#kiosk-register-name", "Aina Puig Serra");
        await page.FillAsync("#kiosk-register-phone", "12");
        await page.CheckAsync("#kiosk-register-consent");
        await page.ClickAsync("#kiosk-register");
        await page.Locator("#kiosk-register-phone-error").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#kiosk-register-phone", "aria-invalid"));
        Assert.Equal(0, await page.Locator("#kiosk-register-consent-error").CountAsync());
        await page.ClickAsync("#kiosk-lang-en");
        await page.Locator("#kiosk-lang-en[aria-pressed=true]").WaitForAsync();
        await page.InspectAsync("kiosk-register-phone-wrong-en");

        // By keyboard alone: the phone corrected, then Enter in the field sends the form.
        await page.FocusAsync("#kiosk-register-phone");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(phone);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator($"#kiosk-appt-procedures button[data-code='{Procedure}']").WaitForAsync();
        Assert.Equal(0, await page.Locator("#kiosk-register-name").CountAsync()); // what was typed is gone from the page

        // Registered through the kiosk, with the DNI and the phone: found by either, and not signed up for electronic dealing.
        var byNationalId = await staff.PostAsJsonAsync("/api/citizens/lookup", new { kind = "national-id", value = nationalId });
        Assert.True(byNationalId.IsSuccessStatusCode, await byNationalId.Content.ReadAsStringAsync());
        var citizen = (await byNationalId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
        var byPhone = await staff.PostAsJsonAsync("/api/citizens/lookup", new { kind = "phone", value = phone });
        Assert.Equal(citizen, (await byPhone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid());
        var profile = await staff.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}?reason=citizen-request");
        Assert.Equal(("kiosk", "Aina Puig Serra"), (profile.GetProperty("registeredThrough").GetString(), profile.GetProperty("displayName").GetString()));
        Assert.Equal("en", profile.GetProperty("preferences").GetProperty("language").GetString());
        Assert.False(profile.GetProperty("preferences").GetProperty("dealsElectronically").GetBoolean());

        // The consent is on record: the text shown (its version and the hash of its English words), at this kiosk.
        var consent = Assert.Single((await platform.AsDataProtectionOfficer().GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/consents"))
            .GetProperty("consents").EnumerateArray());
        Assert.Equal((ConsentTexts.AppointmentsAndReminders, ConsentTexts.InPersonRegistration.Version, ConsentTexts.InPersonRegistration.Sha256("en"), "en", "kiosk", $"kiosk:{kiosk.KioskId}"),
            (consent.GetProperty("purpose").GetString(), consent.GetProperty("textVersion").GetString(), consent.GetProperty("textSha256").GetString(),
             consent.GetProperty("language").GetString(), consent.GetProperty("channel").GetString(), consent.GetProperty("device").GetString()));
        Assert.False(consent.GetProperty("withdrawn").GetBoolean());

        // And on to booking, for the new citizen.
        await page.ClickAsync($"#kiosk-appt-procedures button[data-code='{Procedure}']");
        await page.ClickAsync($"#kiosk-appt-offices button[data-office='{Office}']");
        await page.Locator(".kiosk-appt-time").First.ClickAsync();
        await page.ClickAsync("#kiosk-appt-confirm");
        var code = (await page.Locator("#appointment-code").InnerTextAsync()).Trim();
        await page.InspectAsync("kiosk-register-booked-en");
        Assert.Equal(citizen, (await AppointmentAsync(code)).GetProperty("citizenId").GetGuid());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Registering_at_the_kiosk_with_a_DNI_on_record_changes_nothing_and_answers_nothing_about_that_person()
    {
        var kiosk = await EnrolKioskAsync(["touchscreen"]);
        var nationalId = NewNationalId();
        var phone = CitizenScreens.NewPhone();
        using var registered = await platform.AsChannelApp().PostAsJsonAsync("/api/citizens",
            new { displayName = "Pere Vila", preferredLanguage = "ca", channel = "online", nationalId, phone });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var citizen = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
        using var device = await KioskClientAsync(kiosk);

        async Task<HttpResponseMessage> RegisterAsync(object body)
        {
            using var started = await device.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions", new { identification = "anonymous" });
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
            var session = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetGuid();
            var answer = await device.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/registration", body);
            (await device.PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/end", null)).EnsureSuccessStatusCode();
            (await device.PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/wipe-acknowledgement", null)).EnsureSuccessStatusCode();
            return answer;
        }

        // The same DNI with another name and phone: a 409 with nothing of Pere's, and Pere unchanged.
        var otherPhone = CitizenScreens.NewPhone();
        using var taken = await RegisterAsync(new { identification = "id-card", nationalId, name = "Someone Else", phone = otherPhone, consent = true, language = "es", consentVersion = Version });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var answer = await taken.Content.ReadAsStringAsync();
        Assert.DoesNotContain(phone, answer);
        Assert.DoesNotContain("Pere", answer);
        Assert.DoesNotContain(citizen.ToString(), answer);
        var profile = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}?reason=citizen-request");
        Assert.Equal("Pere Vila", profile.GetProperty("displayName").GetString());
        Assert.Equal("ca", profile.GetProperty("preferences").GetProperty("language").GetString());
        Assert.Single(profile.GetProperty("phones").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound,
            (await platform.AsStaff().PostAsJsonAsync("/api/citizens/lookup", new { kind = "phone", value = otherPhone })).StatusCode);

        // Pere's phone for a new person: refused as the phone, without saying whose; a wrong check letter names the DNI.
        using var phoneTaken = await RegisterAsync(new { identification = "id-card", nationalId = NewNationalId(), name = "Someone Else", phone, consent = true, language = "ca", consentVersion = Version });
        Assert.Equal(HttpStatusCode.BadRequest, phoneTaken.StatusCode);
        var phoneProblem = await phoneTaken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(phoneProblem.GetProperty("errors").TryGetProperty("phone", out _), phoneProblem.ToString());
        Assert.DoesNotContain(citizen.ToString(), phoneProblem.ToString());
        var other = NewNationalId();
        using var typo = await RegisterAsync(new { identification = "id-card", nationalId = other[..8] + (other[8] == 'T' ? 'R' : 'T'), name = "Someone Else", consent = true, language = "ca", consentVersion = Version });
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.True((await typo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("nationalId", out _));
        using var noConsent = await RegisterAsync(new { identification = "id-card", nationalId = other, name = "Someone Else", consent = false, language = "ca", consentVersion = Version });
        Assert.True((await noConsent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("consent", out _));
        Assert.Equal(HttpStatusCode.NotFound,
            (await platform.AsStaff().PostAsJsonAsync("/api/citizens/lookup", new { kind = "national-id", value = other })).StatusCode);
    }

    private static readonly string Version = ConsentTexts.InPersonRegistration.Version;

    [Fact]
    public async Task A_consent_given_at_the_kiosk_is_in_the_history_and_the_export_and_is_withdrawn_once_kept_on_record()
    {
        var kiosk = await EnrolKioskAsync(["touchscreen"]);
        using var device = await KioskClientAsync(kiosk);
        using var started = await device.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions", new { identification = "anonymous" });
        var session = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetGuid();
        var registration = $"/api/kiosks/{kiosk.KioskId}/sessions/{session}/registration";
        var nationalId = NewNationalId();

        // A version of the text no screen showed, or no version: refused naming it, and nobody registered.
        using var unknown = await device.PostAsJsonAsync(registration, new { identification = "id-card", nationalId, name = "Laia Soler", consent = true, language = "es", consentVersion = "1999-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("consentVersion", out _));
        using var none = await device.PostAsJsonAsync(registration, new { identification = "id-card", nationalId, name = "Laia Soler", consent = true, language = "es" });
        Assert.True((await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("consentVersion", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await platform.AsStaff().PostAsJsonAsync("/api/citizens/lookup", new { kind = "national-id", value = nationalId })).StatusCode);

        using var registered = await device.PostAsJsonAsync(registration, new { identification = "id-card", nationalId, name = "Laia Soler", consent = true, language = "es", consentVersion = Version });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var found = await platform.AsStaff().PostAsJsonAsync("/api/citizens/lookup", new { kind = "national-id", value = nationalId });
        var citizen = (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
        var dpo = platform.AsDataProtectionOfficer();
        var consentId = Assert.Single((await dpo.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/consents")).GetProperty("consents").EnumerateArray())
            .GetProperty("consentId").GetGuid();
        // Only data-protection staff read or withdraw consents.
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.AsStaff().GetAsync($"/api/citizens/{citizen}/consents")).StatusCode);

        // Withdrawn where the citizen asked: recorded beside the consent, which stays; a second withdrawal is a 409.
        using var withdrawn = await dpo.PostAsJsonAsync($"/api/citizens/{citizen}/consents/{consentId}/withdrawal", new { channel = "on-site" });
        Assert.True(withdrawn.IsSuccessStatusCode, await withdrawn.Content.ReadAsStringAsync());
        var record = Assert.Single((await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consents").EnumerateArray());
        Assert.Equal((true, "on-site", "staff-dpo-marta", Version), (record.GetProperty("withdrawn").GetBoolean(), record.GetProperty("withdrawnThrough").GetString(),
            record.GetProperty("withdrawnBy").GetString(), record.GetProperty("textVersion").GetString()));
        using var again = await dpo.PostAsJsonAsync($"/api/citizens/{citizen}/consents/{consentId}/withdrawal", new { channel = "on-site" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var badChannel = await dpo.PostAsJsonAsync($"/api/citizens/{citizen}/consents/{consentId}/withdrawal", new { channel = "pigeon" });
        Assert.True((await badChannel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("channel", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.PostAsJsonAsync($"/api/citizens/{citizen}/consents/{Guid.NewGuid()}/withdrawal", new { channel = "on-site" })).StatusCode);

        // Both in the citizen's history (in their language) and in their access export.
        var history = await Eventually.Until(() => platform.AsChannelApp().GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/history"),
            h => h.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToHashSet().IsSupersetOf(["consent-given", "consent-withdrawn"]),
            what: "the consent's history lines");
        Assert.Contains(history.GetProperty("entries").EnumerateArray(), e => e.GetProperty("kind").GetString() == "consent-given"
            && e.GetProperty("channel").GetString() == "kiosk" && e.GetProperty("text").GetString()!.Contains("gestionar las citas"));
        var export = await dpo.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/data-export?reason=citizen-request");
        var types = export.GetProperty("services").EnumerateArray().Where(s => s.GetProperty("service").GetString() == "citizens")
            .SelectMany(s => s.GetProperty("records").EnumerateArray()).Select(r => r.GetProperty("type").GetString()).ToList();
        Assert.Contains("consent_given", types);
        Assert.Contains("consent_withdrawn", types);
    }

    private sealed record PrivacyState(Guid? OpenSessionId, Guid? WipeSessionId, bool OutOfService);

    private static string Wire(JsonElement e, string property) => e.GetProperty(property).GetString()!.ToLowerInvariant();

    /// <summary>A DNI nobody else has: 8 digits and the check letter (the number mod 23).</summary>
    private static string NewNationalId()
    {
        var number = Random.Shared.Next(10_000_000, 99_999_999);
        return $"{number}{"TRWAGMYFPDXBNJZSQVHLCKE"[number % 23]}";
    }

    private async Task<Guid> RegisterCitizenAsync(string nationalId)
    {
        using var registered = await platform.AsChannelApp().PostAsJsonAsync("/api/citizens", new { preferredLanguage = "ca", channel = "online", nationalId });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        return (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
    }

    private async Task<JsonElement> AppointmentAsync(string code)
    {
        var byCode = await platform.AsChannelApp().GetFromJsonAsync<JsonElement>($"/api/appointments/by-code/{code}");
        return await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/appointments/{byCode.GetProperty("appointmentId").GetGuid()}");
    }

    private Task<Enrolled> EnrolKioskAsync(string[] peripherals) => DemoKiosks.EnrolAsync(platform, Office, Need, peripherals);

    /// <summary>The kiosk's own API client (its device token), as the kiosk screen calls it.</summary>
    private async Task<HttpClient> KioskClientAsync(Enrolled kiosk)
    {
        using var signIn = await platform.Gateway.Client(null).PostAsJsonAsync("/api/kiosks/device-tokens", new { credential = kiosk.Credential });
        signIn.EnsureSuccessStatusCode();
        return platform.Gateway.Client((await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);
    }

    private async Task<PrivacyState> PrivacyStateAsync(Enrolled kiosk)
    {
        using var signIn = await platform.Gateway.Client(null).PostAsJsonAsync("/api/kiosks/device-tokens", new { credential = kiosk.Credential });
        signIn.EnsureSuccessStatusCode();
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        return (await platform.Gateway.Client(token).GetFromJsonAsync<PrivacyState>($"/api/kiosks/{kiosk.KioskId}/sessions/state"))!;
    }
}
