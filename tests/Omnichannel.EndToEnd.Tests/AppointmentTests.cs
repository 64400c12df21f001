using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>Appointments through the gateway, as a kiosk or the web portal uses them.</summary>
[Collection(Collections.Slots)]
public sealed class AppointmentTests(Platform platform)
{
    private sealed record Slot(string OfficeId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Free);
    private sealed record Slots(string ProcedureCode, int SlotMinutes, List<Slot> slots);
    private sealed record Appointment(Guid AppointmentId, string Code, string Status, DateTimeOffset StartsAt, int Sequence);
    private sealed record HistoryPage(List<JsonElement> Entries);

    private async Task<List<Slot>> FreeSlotsAsync(HttpClient client, string procedure = "census-registration")
    {
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd");
        var reply = await client.GetFromJsonAsync<Slots>($"/api/appointments/slots?procedureCode={procedure}&officeId=connecta-space&from={from}");
        Assert.Equal(20, reply!.SlotMinutes); // the catalogue's 20 average minutes for census registration
        return reply.slots;
    }

    [Fact]
    public async Task A_search_right_after_a_booking_or_a_cancellation_shows_the_place_taken_or_free_again()
    {
        var client = platform.AsChannelApp();
        var citizen = await platform.RegisterCitizenAsync();
        var before = await FreeSlotsAsync(client);
        var slot = before[^1];
        Assert.Equal(before, await FreeSlotsAsync(client)); // asked twice within the second: the same answer

        var booked = await client.PostAsJsonAsync($"/api/appointments/citizens/{citizen}/bookings",
            new { officeId = "connecta-space", procedureCode = "census-registration", startsAt = slot.StartsAt, channel = "online" });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(slot.Free - 1, (await FreeSlotsAsync(client)).Single(s => s.StartsAt == slot.StartsAt).Free);

        var appointment = (await booked.Content.ReadFromJsonAsync<Appointment>())!;
        (await client.PostAsJsonAsync($"/api/appointments/{appointment.AppointmentId}/cancellation", new { reason = "changed my mind" })).EnsureSuccessStatusCode();
        Assert.Equal(slot.Free, (await FreeSlotsAsync(client)).Single(s => s.StartsAt == slot.StartsAt).Free);
    }

    [Fact]
    public async Task Find_hold_confirm_check_in_each_appear_in_the_citizens_history_and_the_ics_is_served()
    {
        var client = platform.AsChannelApp();
        var citizen = await platform.RegisterCitizenAsync("en");
        var slot = (await FreeSlotsAsync(client))[0];

        var held = await client.PostAsJsonAsync($"/api/appointments/citizens/{citizen}/holds",
            new { officeId = "connecta-space", procedureCode = "census-registration", startsAt = slot.StartsAt, channel = "kiosk" });
        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        var appointment = (await held.Content.ReadFromJsonAsync<Appointment>())!;
        Assert.Equal("held", appointment.Status);

        var confirmed = await client.PostAsync($"/api/appointments/{appointment.AppointmentId}/confirmation", null);
        Assert.Equal("booked", (await confirmed.Content.ReadFromJsonAsync<Appointment>())!.Status);

        var byCode = await client.GetFromJsonAsync<Appointment>($"/api/appointments/by-code/{appointment.Code.ToLowerInvariant()}");
        Assert.Equal(appointment.AppointmentId, byCode!.AppointmentId);
        // The public look-up by code does not lead to the citizen; by id (a client that already knows it) it does.
        var publicView = await client.GetFromJsonAsync<JsonElement>($"/api/appointments/by-code/{appointment.Code}");
        Assert.False(publicView.TryGetProperty("citizenId", out _));
        Assert.Equal(citizen, (await client.GetFromJsonAsync<JsonElement>($"/api/appointments/{appointment.AppointmentId}")).GetProperty("citizenId").GetGuid());

        var ics = await client.GetAsync($"/api/appointments/{appointment.AppointmentId}.ics");
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
        var calendar = (await ics.Content.ReadAsStringAsync()).Replace("\r\n ", ""); // unfolded
        Assert.Contains("METHOD:REQUEST", calendar);
        // The council's configured address (appsettings, per council) as organizer; the citizen by id, never by name here.
        Assert.Contains(":mailto:cita-previa@mataro.example\r\n", calendar);
        Assert.Contains($"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:urn:uuid:{citizen}\r\n", calendar);

        var checkedIn = await client.PostAsJsonAsync($"/api/appointments/{appointment.AppointmentId}/check-in", new { channel = "kiosk" });
        Assert.Equal("checked-in", (await checkedIn.Content.ReadFromJsonAsync<Appointment>())!.Status);

        var history = await Eventually.Until(
            () => client.GetFromJsonAsync<HistoryPage>($"/api/citizens/{citizen}/history?lang=en"),
            page => page!.Entries.Count(i => i.GetProperty("service").GetString() == "appointments") >= 2, what: "the booking and the check-in in the history");
        var kinds = history!.Entries.Select(i => i.GetProperty("kind").GetString()).ToList();
        Assert.Contains("appointment-booked", kinds);
        Assert.Contains("appointment-checked-in", kinds);
        Assert.Contains(history.Entries, i => i.GetProperty("text").GetString()!.Contains(appointment.Code));
    }

    [Fact]
    public async Task A_taken_slot_a_past_time_and_an_unknown_office_are_problems_naming_what_is_wrong()
    {
        var client = platform.AsChannelApp();
        var first = await platform.RegisterCitizenAsync();
        var slot = (await FreeSlotsAsync(client))[1];
        var body = new { officeId = "connecta-space", procedureCode = "census-registration", startsAt = slot.StartsAt, channel = "online" };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/appointments/citizens/{first}/bookings", body)).StatusCode);

        var again = await client.PostAsJsonAsync($"/api/appointments/citizens/{first}/bookings", body with { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already has an appointment", await again.Content.ReadAsStringAsync());

        var past = await client.PostAsJsonAsync($"/api/appointments/citizens/{first}/holds",
            new { officeId = "connecta-space", procedureCode = "census-registration", startsAt = DateTimeOffset.UtcNow.AddDays(-1), channel = "online" });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("startsAt", await past.Content.ReadAsStringAsync());

        var second = await platform.RegisterCitizenAsync(); // the first has used up their booking burst
        var nowhere = await client.PostAsJsonAsync($"/api/appointments/citizens/{second}/holds",
            new { officeId = "atlantis", procedureCode = "census-registration", startsAt = slot.StartsAt, channel = "online" });
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
    }

    [Fact]
    public async Task A_burst_of_booking_attempts_for_one_citizen_is_limited_at_the_gateway()
    {
        var client = platform.AsChannelApp();
        var citizen = await platform.RegisterCitizenAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var response = await client.PostAsJsonAsync($"/api/appointments/citizens/{citizen}/holds",
                new { officeId = "atlantis", procedureCode = "census-registration", startsAt = DateTimeOffset.UtcNow.AddDays(3), channel = "online" });
            statuses.Add(response.StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.NotFound, statuses[0]);
    }

    [Fact]
    public async Task A_mistyped_appointment_code_is_a_400_saying_it_has_a_typo_and_an_old_format_code_a_400_not_a_500()
    {
        var client = platform.AsChannelApp();
        var citizen = await platform.RegisterCitizenAsync();
        var slot = (await FreeSlotsAsync(client))[2];
        var booked = await client.PostAsJsonAsync($"/api/appointments/citizens/{citizen}/bookings",
            new { officeId = "connecta-space", procedureCode = "census-registration", startsAt = slot.StartsAt, channel = "phone" });
        var code = (await booked.Content.ReadFromJsonAsync<Appointment>())!.Code;

        // Two neighbours swapped, as when read out on the phone: caught before any lookup, and said so.
        var swapped = code[..1] + code[2] + code[1] + code[3..];
        if (swapped == code) swapped = code[..7] + code[8] + code[7] + code[9..];
        var typo = await client.GetAsync($"/api/appointments/by-code/{swapped}");
        var problem = await ProblemAsync(typo, HttpStatusCode.BadRequest);
        Assert.Contains("typo", problem.GetProperty("errors").GetProperty("code")[0].GetString());

        var old = await client.GetAsync("/api/appointments/by-code/C1234-ABCD");
        problem = await ProblemAsync(old, HttpStatusCode.BadRequest);
        Assert.Contains("not an appointment code", problem.GetProperty("errors").GetProperty("code")[0].GetString());

        // A well-formed code nobody was given is not found, which is a different answer from a typo.
        var unknown = Omnichannel.Appointments.Booking.AppointmentCode.New();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/appointments/by-code/{unknown}")).StatusCode);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
