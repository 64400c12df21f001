using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>Through the gateway, on the demo offices: a kiosk enrolled at the central office signs in with its device
/// credential and acts as itself; its token reaches the kiosks service only.</summary>
[Collection(Collections.OfficeDay)]
public sealed class KiosksEndToEndTests(Platform platform)
{
    private const string Office = "connecta-space";

    private sealed record Enrolled(string KioskId, string OfficeId, string Credential);
    private sealed record SignedIn(string AccessToken, string KioskId, string OfficeId);

    private async Task<Enrolled> EnrolAsync() => await Eventually.Until(async () =>
    {
        var response = await platform.AsStaff().PostAsJsonAsync("/api/kiosks",
            new { officeId = Office, location = "Vestíbul", peripherals = new[] { "touchscreen", "printer", "id-card-scanner", "code-reader", "nfc" } });
        return response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<Enrolled>() : null;
    }, e => e is not null, what: "the kiosks service to know the demo office") ?? throw new InvalidOperationException();

    private sealed record HistoryLine(DateTimeOffset At, string? Channel, string Service, string Kind, string Text, string? Reference);
    private sealed record HistoryPage(Guid CitizenId, string Language, List<HistoryLine> Entries, long Total);

    private async Task<(Enrolled Kiosk, HttpClient Client)> SignedInKioskAsync()
    {
        var kiosk = await EnrolAsync();
        var signIn = await platform.Anonymous().PostAsJsonAsync("/api/kiosks/device-tokens", new { credential = kiosk.Credential });
        signIn.EnsureSuccessStatusCode();
        return (kiosk, AsKiosk((await signIn.Content.ReadFromJsonAsync<SignedIn>())!.AccessToken));
    }

    [Fact]
    public async Task An_identified_session_at_a_kiosk_appears_in_the_citizens_history_in_their_language()
    {
        var citizen = await platform.RegisterCitizenAsync("ca");
        var (kiosk, client) = await SignedInKioskAsync();

        var started = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions", new { identification = "id-card", citizenId = citizen });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var session = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetGuid();
        foreach (var (action, reference) in new[] { ("procedure-opened", "census-certificate"), ("page-printed", "census-certificate") })
            (await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/actions", new { action, reference })).EnsureSuccessStatusCode();
        var wipe = await (await client.PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/end", null)).Content.ReadFromJsonAsync<JsonElement>();
        (await client.PostAsync(wipe.GetProperty("acknowledge").GetString(), null)).EnsureSuccessStatusCode();

        var history = await Eventually.Until(async () => (await platform.AsChannelApp().GetFromJsonAsync<HistoryPage>($"/api/citizens/{citizen}/history"))!,
            h => h.Entries.Any(e => e.Kind == "kiosk-session"), what: "the kiosk session in the history");
        var line = history.Entries.Single(e => e.Kind == "kiosk-session");
        Assert.Equal(("kiosks", "kiosk"), (line.Service, line.Channel));
        Assert.StartsWith("Sessió al punt d'autoservei (", line.Text);
        Assert.EndsWith("): 2 accions.", line.Text);
        var english = await platform.AsChannelApp().GetFromJsonAsync<HistoryPage>($"/api/citizens/{citizen}/history?lang=en");
        Assert.EndsWith("): 2 actions.", english!.Entries.Single(e => e.Kind == "kiosk-session").Text);
    }

    private sealed record Slot(DateTimeOffset StartsAt);
    private sealed record SlotList(List<Slot> Slots);

    [Fact]
    public async Task A_kiosk_heart_beats_opens_a_session_takes_a_ticket_and_books_an_appointment_at_its_office_and_all_of_it_reaches_the_citizens_history()
    {
        // Walk-ins are issued only while the office is open: queues' clock at a slot appointments offers there.
        await Eventually.Until(async () => await platform.AsStaff().GetAsync($"/api/queues/offices/{Office}/board"), r => r.IsSuccessStatusCode, what: "queues to know the demo office");
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd");
        var open = await platform.AsChannelApp().GetFromJsonAsync<SlotList>($"/api/appointments/slots?procedureCode=census-registration&officeId={Office}&from={from}");
        platform.QueuesClock.MoveTo(open!.Slots[0].StartsAt.AddMinutes(1));
        var citizen = await platform.RegisterCitizenAsync("ca");
        var (kiosk, client) = await SignedInKioskAsync();

        var beat = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/heartbeats",
            new { sentAt = DateTimeOffset.UtcNow, softwareVersion = "3.0.1", peripherals = new { printer = "ok", touchscreen = "ok" } });
        Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        var started = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions", new { identification = "id-card", citizenId = citizen });
        var session = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetGuid();

        var taken = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/tickets", new { procedureCode = "census-certificate" });
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var ticket = await taken.Content.ReadFromJsonAsync<JsonElement>();
        var number = ticket.GetProperty("number").GetString()!;
        Assert.Equal(Office, ticket.GetProperty("officeId").GetString());
        var again = await client.GetFromJsonAsync<JsonElement>($"/api/kiosks/{kiosk.KioskId}/tickets/{number}");
        Assert.Equal("census-certificate", again.GetProperty("procedureCode").GetString());

        var slots = await client.GetFromJsonAsync<SlotList>($"/api/kiosks/{kiosk.KioskId}/appointment-slots?procedureCode=census-registration&from={from}");
        var booked = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/appointments",
            new { procedureCode = "census-registration", startsAt = slots!.Slots[^1].StartsAt });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var appointment = await booked.Content.ReadFromJsonAsync<JsonElement>();
        var code = appointment.GetProperty("code").GetString()!;
        Assert.Equal((Office, "booked"), (appointment.GetProperty("officeId").GetString(), appointment.GetProperty("status").GetString()));

        var wipe = await (await client.PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/end", null)).Content.ReadFromJsonAsync<JsonElement>();
        (await client.PostAsync(wipe.GetProperty("acknowledge").GetString(), null)).EnsureSuccessStatusCode();

        var history = await Eventually.Until(async () => (await platform.AsChannelApp().GetFromJsonAsync<HistoryPage>($"/api/citizens/{citizen}/history"))!,
            h => new[] { "kiosk-session", "ticket-issued", "appointment-booked" }.All(k => h.Entries.Any(e => e.Kind == k)), what: "the kiosk visit in the history");
        Assert.EndsWith("): 2 accions.", history.Entries.Single(e => e.Kind == "kiosk-session").Text);
        Assert.Equal((number, "kiosk"), history.Entries.Where(e => e.Kind == "ticket-issued").Select(e => (e.Reference, e.Channel)).Single());
        Assert.Equal((code, "kiosk"), history.Entries.Where(e => e.Kind == "appointment-booked").Select(e => (e.Reference, e.Channel)).Single());
    }

    [Fact]
    public async Task An_anonymous_session_takes_a_ticket_but_cannot_book_and_a_kiosk_token_cannot_take_a_ticket_for_another_kiosk()
    {
        var (kiosk, client) = await SignedInKioskAsync();
        var (other, _) = await SignedInKioskAsync();
        var started = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions", new { identification = "anonymous" });
        var session = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetGuid();

        var booking = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/appointments",
            new { procedureCode = "census-registration", startsAt = DateTimeOffset.UtcNow.AddDays(8) });
        var elsewhere = await client.PostAsJsonAsync($"/api/kiosks/{other.KioskId}/sessions/{session}/tickets", new { procedureCode = "census-certificate" });
        var unknown = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/tickets", new { procedureCode = "no-such-procedure" });

        Assert.Equal(HttpStatusCode.Conflict, booking.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("procedureCode", out _));
    }

    [Fact]
    public async Task An_identified_session_for_a_citizen_nobody_registered_is_a_400_naming_the_citizen_id()
    {
        var (kiosk, client) = await SignedInKioskAsync();

        var response = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions", new { identification = "id-card", citizenId = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("citizenId", out _));
    }

    private HttpClient AsKiosk(string token)
    {
        var client = platform.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_kiosk_signs_in_through_the_gateway_reads_itself_and_its_token_opens_no_other_service()
    {
        var kiosk = await EnrolAsync();

        var signIn = await platform.Anonymous().PostAsJsonAsync("/api/kiosks/device-tokens", new { credential = kiosk.Credential });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var asKiosk = AsKiosk((await signIn.Content.ReadFromJsonAsync<SignedIn>())!.AccessToken);

        var self = await asKiosk.GetFromJsonAsync<JsonElement>($"/api/kiosks/{kiosk.KioskId}");
        Assert.Equal(Office, self.GetProperty("officeId").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await asKiosk.GetAsync("/api/procedures?channel=kiosk")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asKiosk.GetAsync($"/api/queues/offices/{Office}")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_credential_is_a_401_at_the_gateway()
    {
        var kiosk = await EnrolAsync();
        (await platform.AsStaff().PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/revocation", new { reason = "Retired" })).EnsureSuccessStatusCode();

        var signIn = await platform.Anonymous().PostAsJsonAsync("/api/kiosks/device-tokens", new { credential = kiosk.Credential });

        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }
}
