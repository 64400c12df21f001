using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>A visit to an office as the kiosk, the staff console and the waiting-room screen see it through the gateway.</summary>
[Collection(Collections.OfficeDay)]
public sealed class QueuesEndToEndTests(Platform platform)
{
    private const string Office = "connecta-space"; // appointments' demo office, whose lines queues configure on hearing of it
    private sealed record Slots(List<Slot> slots);
    private sealed record Slot(DateTimeOffset StartsAt);
    private sealed record HistoryLine(DateTimeOffset At, string? Channel, string Service, string Kind, string Text, string? Reference);
    private sealed record HistoryPage(Guid CitizenId, string Language, List<HistoryLine> Entries, long Total);

    [Fact]
    public async Task A_visit_from_ticket_to_service_joins_the_citizens_history_and_the_screen_shows_the_call_live()
    {
        await DuringOpeningHoursAsync();
        var citizen = await platform.RegisterCitizenAsync(language: "ca");
        var staff = platform.AsStaff();
        var desk = $"d{Guid.NewGuid():N}"[..8];
        (await staff.PutAsJsonAsync($"/api/queues/offices/{Office}/desks/{desk}", new { lines = new[] { "priority" } })).EnsureSuccessStatusCode();

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var screen = new DisplayScreen(platform.AsChannelApp(), $"/api/queues/offices/{Office}/display");
        await screen.ConnectAsync(cancel.Token);
        Assert.Equal("snapshot", (await screen.NextAsync(cancel.Token)).Type);

        var issued = await platform.AsChannelApp().PostAsJsonAsync($"/api/queues/offices/{Office}/tickets",
            new { procedureCode = "census-certificate", channel = "on-site", citizenId = citizen, priority = true });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var number = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        var call = await staff.PostAsync($"/api/queues/offices/{Office}/desks/{desk}/call-next", null);
        call.EnsureSuccessStatusCode();

        // Through YARP, unbuffered: the call reaches the open screen while the feed stays open.
        var shown = await screen.NextAsync(cancel.Token);
        Assert.Equal("called", shown.Type);
        Assert.Equal((number, desk), (shown.Data.GetProperty("number").GetString(), shown.Data.GetProperty("deskId").GetString()));

        (await staff.PostAsync($"/api/queues/offices/{Office}/desks/{desk}/start", null)).EnsureSuccessStatusCode();
        (await staff.PostAsync($"/api/queues/offices/{Office}/desks/{desk}/complete", null)).EnsureSuccessStatusCode();

        var history = await Eventually.Until(
            async () => (await platform.AsChannelApp().GetFromJsonAsync<HistoryPage>($"/api/citizens/{citizen}/history"))!,
            h => h.Entries.Count(e => e.Kind.StartsWith("ticket-", StringComparison.Ordinal)) >= 3, what: "the visit in the citizen's history");
        // The visit's own lines (a "you are next" notice messaging tried joins the history too, as a notice line).
        var visit = history.Entries.Where(e => e.Kind.StartsWith("ticket-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["ticket-served", "ticket-called", "ticket-issued"], visit.Select(e => e.Kind));
        Assert.All(visit, e => Assert.Equal(number, e.Reference));
        Assert.Contains("Certificat d'empadronament individual", history.Entries[^1].Text); // the procedure's Catalan name, asked over gRPC
    }

    [Fact]
    public async Task A_walk_in_for_a_procedure_that_needs_an_appointment_is_offered_slots_asked_of_appointments()
    {
        await DuringOpeningHoursAsync();
        var response = await platform.AsChannelApp().PostAsJsonAsync($"/api/queues/offices/{Office}/tickets", new { procedureCode = "civil-marriage", channel = "kiosk" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("needs-appointment", problem.GetProperty("reason").GetString());
        Assert.True(problem.GetProperty("appointmentSlotsKnown").GetBoolean(), problem.ToString());
    }

    /// <summary>Walk-ins are issued only while the office is open: once queues knows the demo office, its clock is put
    /// at a moment appointments offers a slot there (within the office's opening hours), whenever the test runs.</summary>
    private async Task DuringOpeningHoursAsync()
    {
        await Eventually.Until(async () => await platform.AsStaff().GetAsync($"/api/queues/offices/{Office}/board"), r => r.IsSuccessStatusCode, what: "queues to know the demo office");
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd");
        var slots = await platform.AsChannelApp().GetFromJsonAsync<Slots>($"/api/appointments/slots?procedureCode=census-registration&officeId={Office}&from={from}");
        platform.QueuesClock.MoveTo(slots!.slots[0].StartsAt.AddMinutes(1));
    }

    [Fact]
    public async Task Calling_next_on_an_unknown_office_through_the_gateway_is_a_404_problem()
    {
        var response = await platform.AsStaff().PostAsync("/api/queues/offices/nowhere/desks/1/call-next", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
