using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>On the demo data, through the gateway: one office directory, so an appointment at the central office
/// leads to that office's appointment line and desks, and its walk-ins are offered slots there.</summary>
[Collection(Collections.Requests)]
public sealed class OfficeDirectoryEndToEndTests(Platform platform)
{
    private const string Office = "connecta-space"; // appointments' demo office id, the one every service uses
    private sealed record Slot(string OfficeId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Free);
    private sealed record Slots(string ProcedureCode, int SlotMinutes, List<Slot> slots);
    private sealed record Appointment(Guid AppointmentId, string Code, string Status, DateTimeOffset StartsAt);

    private async Task<Slot> FreeSlotAsync(string procedure)
    {
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd");
        var reply = await platform.AsChannelApp().GetFromJsonAsync<Slots>($"/api/appointments/slots?procedureCode={procedure}&officeId={Office}&from={from}");
        return reply!.slots.First(s => s.Free > 0);
    }

    /// <summary>Queues knows the office from appointments' OfficeRegistered, and configured its demo lines then.</summary>
    private async Task<JsonElement> OfficeLinesAsync() => await Eventually.Until(
        async () => await platform.AsStaff().GetAsync($"/api/queues/offices/{Office}") is { IsSuccessStatusCode: true } r
            ? await r.Content.ReadFromJsonAsync<JsonElement>() : default,
        o => o.ValueKind == JsonValueKind.Object && o.GetProperty("lines").GetArrayLength() > 0, what: "queues to know the demo office's lines");

    [Fact]
    public async Task A_citizen_who_books_and_checks_in_at_the_central_office_is_on_its_appointment_line_and_a_desk_calls_them()
    {
        var lines = await OfficeLinesAsync();
        Assert.Equal(["point0", "general", "appointment", "priority"], lines.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("line").GetString()));
        var client = platform.AsChannelApp();
        var citizen = await platform.RegisterCitizenAsync("ca");
        var slot = await FreeSlotAsync("census-registration");
        var booked = await client.PostAsJsonAsync($"/api/appointments/citizens/{citizen}/bookings",
            new { officeId = Office, procedureCode = "census-registration", startsAt = slot.StartsAt, channel = "online" });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var appointment = (await booked.Content.ReadFromJsonAsync<Appointment>())!;

        (await client.PostAsJsonAsync($"/api/appointments/{appointment.AppointmentId}/check-in", new { channel = "kiosk" })).EnsureSuccessStatusCode();

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(slot.StartsAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid")).DateTime);
        var ticket = await Eventually.Until(
            async () => await client.GetAsync($"/api/queues/offices/{Office}/tickets/C-001?day={day:yyyy-MM-dd}") is { StatusCode: HttpStatusCode.OK } r
                ? await r.Content.ReadFromJsonAsync<JsonElement>() : default,
            t => t.ValueKind == JsonValueKind.Object, what: "the checked-in citizen on the appointment line");
        Assert.Equal(("appointment", appointment.AppointmentId), (ticket.GetProperty("line").GetString(), ticket.GetProperty("ticketId").GetGuid()));

        // The office's day comes: the queues service is put at the appointment's time, and a desk opens on the appointment line.
        platform.QueuesClock.MoveTo(slot.StartsAt.AddMinutes(1));
        var staff = platform.AsStaff();
        (await staff.PutAsJsonAsync($"/api/queues/offices/{Office}/desks/c1", new { lines = new[] { "appointment" } })).EnsureSuccessStatusCode();
        var call = await staff.PostAsync($"/api/queues/offices/{Office}/desks/c1/call-next", null);

        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        var desk = await call.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("C-001", "appointment"), (desk.GetProperty("current").GetString(), desk.GetProperty("line").GetString()));
    }

    [Fact]
    public async Task A_walk_in_refused_at_the_central_office_is_offered_slots_at_that_office_only()
    {
        await OfficeLinesAsync();
        var open = await FreeSlotAsync("civil-marriage"); // a moment the office is open
        platform.QueuesClock.MoveTo(open.StartsAt.AddMinutes(1));

        var response = await platform.AsChannelApp().PostAsJsonAsync($"/api/queues/offices/{Office}/tickets", new { procedureCode = "civil-marriage", channel = "kiosk" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("needs-appointment", problem.GetProperty("reason").GetString());
        var offered = problem.GetProperty("appointmentSlots").EnumerateArray().Select(s => s.GetProperty("officeId").GetString()).ToList();
        Assert.NotEmpty(offered);
        Assert.All(offered, office => Assert.Equal(Office, office));
    }

    [Fact]
    public async Task A_walk_in_while_the_central_office_is_closed_is_a_409_problem_with_its_next_opening()
    {
        await OfficeLinesAsync();
        var open = await FreeSlotAsync("census-registration");
        var madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
        var local = TimeZoneInfo.ConvertTime(open.StartsAt, madrid);
        var night = new DateTimeOffset(local.Date.AddHours(3), madrid.GetUtcOffset(local.Date.AddHours(3))); // 3:00 the same day
        platform.QueuesClock.MoveTo(night);

        var response = await platform.AsChannelApp().PostAsJsonAsync($"/api/queues/offices/{Office}/tickets", new { procedureCode = "census-certificate", channel = "kiosk" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("office-closed", problem.GetProperty("reason").GetString());
        var next = problem.GetProperty("nextOpening").GetDateTimeOffset();
        Assert.True(next > night && next <= open.StartsAt, $"{next} should be the opening of {local:yyyy-MM-dd}");
    }

    [Fact]
    public async Task An_office_registered_and_changed_in_appointments_is_known_to_queues_by_its_new_name()
    {
        var staff = platform.AsStaff();
        var office = $"cc-{Guid.NewGuid():N}"[..12];
        var registered = await staff.PostAsJsonAsync("/api/appointments/offices", new
        {
            officeId = office, name = new { ca = "Centre Cívic Nou", es = "Centro Cívico Nuevo", en = "New Civic Centre" },
            address = "Carrer Nou 1, Mataró", calendar = "civic-centre", desks = 2,
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var version = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
        var known = await Eventually.Until(
            async () => await staff.GetAsync($"/api/queues/offices/{office}") is { IsSuccessStatusCode: true } r ? await r.Content.ReadFromJsonAsync<JsonElement>() : default,
            o => o.ValueKind == JsonValueKind.Object, what: "queues to hear of the office");
        Assert.Equal(("civic-centre", 0), (known.GetProperty("calendar").GetString(), known.GetProperty("lines").GetArrayLength())); // known, no lines yet
        var name = new { ca = "Centre Cívic Can Nou", es = "Centro Cívico Can Nou", en = "Can Nou Civic Centre" };

        var badCalendar = await staff.PutAsJsonAsync($"/api/appointments/offices/{office}", new { name, address = "Carrer Nou 1, Mataró", calendar = "moon", desks = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, badCalendar.StatusCode);
        Assert.True((await badCalendar.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("calendar", out _));
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/appointments/offices/{office}")
        {
            Content = JsonContent.Create(new { name, address = "Carrer Nou 1, Mataró", calendar = "civic-centre", desks = 3 }),
        };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version + 5}\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await staff.SendAsync(stale)).StatusCode); // was 409: a stale If-Match is a 412

        var change = new HttpRequestMessage(HttpMethod.Put, $"/api/appointments/offices/{office}")
        {
            Content = JsonContent.Create(new { name, address = "Carrer Nou 1, Mataró", calendar = "civic-centre", desks = 3 }),
        };
        change.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));
        var changed = await staff.SendAsync(change);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal($"\"{version + 1}\"", changed.Headers.ETag?.Tag);
        await Eventually.Until(() => staff.GetFromJsonAsync<JsonElement>($"/api/queues/offices/{office}"),
            o => o.GetProperty("names").GetProperty("ca").GetString() == "Centre Cívic Can Nou", what: "queues to hear of the new name");
        var lines = await staff.PutAsJsonAsync($"/api/queues/offices/{office}", new { lines = new[] { new { line = "general", prefix = "G" } } });
        Assert.Equal(HttpStatusCode.OK, lines.StatusCode); // a known office gets its lines, named as in the directory
    }
}
