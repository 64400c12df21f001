using MassTransit;
using Omnichannel.Testing;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.Contracts.V1;

namespace Omnichannel.Queues.Tests.Service;

/// <summary>The queues service against real PostgreSQL and RabbitMQ.</summary>
public sealed class QueuesApiTests(QueuesServices services) : IClassFixture<QueuesServices>
{
    private sealed record Ticket(Guid TicketId, string Number, string Line, string Status, JsonElement? Wait);
    private sealed record DeskReply(string DeskId, bool Open, string? Current, string? Line, int? Call, long Version);

    [Fact]
    public async Task Many_desks_draining_a_long_queue_call_every_ticket_exactly_once()
    {
        const int tickets = 240, desks = 12;
        var office = await services.NewOfficeAsync();
        var staff = services.AsStaff();
        for (var d = 1; d <= desks; d++)
            (await staff.PutAsJsonAsync($"/api/queues/offices/{office}/desks/{d}", new { lines = new[] { "point0", "general" } })).EnsureSuccessStatusCode();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async worker =>
        {
            for (var i = worker; i < tickets; i += 4)
                (await services.AsChannelApp().PostAsJsonAsync($"/api/queues/offices/{office}/tickets",
                    new { procedureCode = i % 3 == 0 ? "census-address-change" : "census-certificate", channel = "kiosk" })).EnsureSuccessStatusCode();
        }));

        var calledBy = new ConcurrentBag<(string Desk, string Number)>();
        await Task.WhenAll(Enumerable.Range(1, desks).Select(desk => Task.Run(async () =>
        {
            var client = services.AsStaff();
            while (true)
            {
                var call = await client.PostAsync($"/api/queues/offices/{office}/desks/{desk}/call-next", null);
                if (call.StatusCode == HttpStatusCode.Conflict) break; // nobody left
                call.EnsureSuccessStatusCode();
                var reply = (await call.Content.ReadFromJsonAsync<DeskReply>())!;
                calledBy.Add((desk.ToString(), reply.Current!));
                (await client.PostAsync($"/api/queues/offices/{office}/desks/{desk}/start", null)).EnsureSuccessStatusCode();
                (await client.PostAsync($"/api/queues/offices/{office}/desks/{desk}/complete", null)).EnsureSuccessStatusCode();
            }
        })));

        Assert.Equal(tickets, calledBy.Count);
        Assert.Equal(tickets, calledBy.Select(c => c.Number).Distinct().Count());
        var events = await DayEventsAsync(office);
        Assert.All(events.OfType<TicketIssued>(), t => Assert.Single(events.OfType<TicketCalled>(), c => c.Number == t.Number));
        Assert.Equal(tickets, events.OfType<TicketServed>().Select(s => s.Number).Distinct().Count());
        Assert.Equal(tickets, events.OfType<TicketServed>().Count());
        Assert.True(calledBy.Select(c => c.Desk).Distinct().Count() > 1, "the desks really called concurrently");
    }

    [Fact]
    public async Task The_display_feed_receives_the_calls_in_order_and_a_reconnecting_screen_gets_them_first()
    {
        var office = await services.NewOfficeAsync();
        var staff = services.AsStaff();
        (await staff.PutAsJsonAsync($"/api/queues/offices/{office}/desks/7", new { lines = new[] { "point0" } })).EnsureSuccessStatusCode();
        for (var i = 0; i < 4; i++) await IssueAsync(office, "census-certificate");

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var screen = new DisplayScreen(services.AsChannelApp(), $"/api/queues/offices/{office}/display");
        await screen.ConnectAsync(cancel.Token);
        Assert.Equal("snapshot", (await screen.NextAsync(cancel.Token)).Type);
        for (var i = 0; i < 4; i++)
        {
            (await staff.PostAsync($"/api/queues/offices/{office}/desks/7/call-next", null)).EnsureSuccessStatusCode();
            (await staff.PostAsync($"/api/queues/offices/{office}/desks/7/start", null)).EnsureSuccessStatusCode();
            (await staff.PostAsync($"/api/queues/offices/{office}/desks/7/complete", null)).EnsureSuccessStatusCode();
        }

        var calls = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var e = await screen.NextAsync(cancel.Token);
            Assert.Equal("called", e.Type);
            Assert.Equal("7", e.Data.GetProperty("deskId").GetString());
            calls.Add(e.Data.GetProperty("number").GetString()!);
        }
        Assert.Equal(["P-001", "P-002", "P-003", "P-004"], calls);
        screen.Dispose();

        var reconnected = new DisplayScreen(services.AsChannelApp(), $"/api/queues/offices/{office}/display");
        await reconnected.ConnectAsync(cancel.Token);
        var snapshot = await reconnected.NextAsync(cancel.Token);
        Assert.Equal("snapshot", snapshot.Type);
        Assert.Equal(["P-001", "P-002", "P-003", "P-004"], snapshot.Data.GetProperty("recentCalls").EnumerateArray().Select(c => c.GetProperty("number").GetString()));
        reconnected.Dispose();
    }

    [Fact]
    public async Task A_checked_in_appointment_puts_the_citizen_on_the_appointment_line_once()
    {
        var office = await services.NewOfficeAsync();
        var citizen = Guid.NewGuid();
        var appointment = Guid.NewGuid();
        // Both appointments on the office's today, whatever the hour the test runs at: noon and half past, local time
        // (now plus a few minutes falls on tomorrow late in the evening, and the board shows today).
        var madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, madrid).Date;
        var startsAt = new DateTimeOffset(today.AddHours(12), madrid.GetUtcOffset(today.AddHours(12)));
        var checkedIn = new CitizenCheckedIn(Tokens.Tenant, DateTimeOffset.UtcNow, citizen, "kiosk", appointment, "ABC123", "census-address-change", office, startsAt, startsAt.AddMinutes(15));
        var messageId = Guid.NewGuid();

        await services.QueuesBus.Publish(checkedIn, c => c.MessageId = messageId);
        await services.QueuesBus.Publish(checkedIn, c => c.MessageId = messageId);
        await services.QueuesBus.Publish(checkedIn with { AppointmentId = Guid.NewGuid(), StartsAt = startsAt.AddMinutes(30) }, c => c.MessageId = Guid.NewGuid());

        var board = await Eventually.Until(
            async () => await services.AsStaff().GetFromJsonAsync<JsonElement>($"/api/queues/offices/{office}/board"),
            b => Waiting(b, "appointment") >= 2, what: "the appointment line");
        Assert.Equal(2, Waiting(board, "appointment"));
        var tickets = new[]
        {
            await services.AsChannelApp().GetFromJsonAsync<JsonElement>($"/api/queues/offices/{office}/tickets/C-001"),
            await services.AsChannelApp().GetFromJsonAsync<JsonElement>($"/api/queues/offices/{office}/tickets/C-002"),
        };
        Assert.All(tickets, t => Assert.Equal("appointment", t.GetProperty("line").GetString()));
        var own = Assert.Single(tickets, t => t.GetProperty("ticketId").GetGuid() == appointment); // the ticket id is the appointment's
        Assert.Equal(startsAt.ToUnixTimeSeconds(), own.GetProperty("appointmentAt").GetDateTimeOffset().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task A_procedure_that_needs_an_appointment_gets_a_409_that_says_so_without_inventing_slots()
    {
        var office = await services.NewOfficeAsync();

        var response = await services.AsChannelApp().PostAsJsonAsync($"/api/queues/offices/{office}/tickets", new { procedureCode = "civil-marriage", channel = "kiosk" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("needs-appointment", problem.GetProperty("reason").GetString());
        Assert.False(problem.GetProperty("appointmentSlotsKnown").GetBoolean());
    }

    [Fact]
    public async Task A_general_line_walk_in_over_the_wait_threshold_is_refused_and_counted_on_the_board()
    {
        var office = await services.NewOfficeAsync(waitThresholdMinutes: 15);
        await IssueAsync(office, "census-address-change"); // 10 minutes ahead
        await IssueAsync(office, "census-address-change"); // 20 minutes ahead: over 15

        var refused = await services.AsChannelApp().PostAsJsonAsync($"/api/queues/offices/{office}/tickets", new { procedureCode = "census-address-change", channel = "kiosk" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("wait-too-long", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        var board = await services.AsStaff().GetFromJsonAsync<JsonElement>($"/api/queues/offices/{office}/board");
        Assert.Equal(1, board.GetProperty("walkInsRefused").GetInt32());
        Assert.Equal(2, Waiting(board, "general"));
    }

    [Fact]
    public async Task A_ticket_shows_its_wait_estimate_and_position()
    {
        var office = await services.NewOfficeAsync();
        // A desk serves the line: without one the wait is unknown (see OfficeRulesApiTests).
        (await services.AsStaff().PutAsJsonAsync($"/api/queues/offices/{office}/desks/1", new { lines = new[] { "point0" } })).EnsureSuccessStatusCode();
        await IssueAsync(office, "census-certificate");
        var second = await IssueAsync(office, "census-certificate");

        var wait = second.Wait!.Value;
        Assert.Equal(1, wait.GetProperty("ahead").GetInt32());
        Assert.Equal(3, wait.GetProperty("expectedMinutes").GetInt32());
    }

    [Fact]
    public async Task Bad_desk_actions_are_problem_details()
    {
        var office = await services.NewOfficeAsync();
        var staff = services.AsStaff();
        await IssueAsync(office, "census-certificate");
        (await staff.PutAsJsonAsync($"/api/queues/offices/{office}/desks/1", new { lines = new[] { "point0" } })).EnsureSuccessStatusCode();
        (await staff.DeleteAsync($"/api/queues/offices/{office}/desks/1")).EnsureSuccessStatusCode();

        await AssertProblem(await staff.PostAsync($"/api/queues/offices/{office}/desks/1/call-next", null), HttpStatusCode.Conflict);
        (await staff.PutAsJsonAsync($"/api/queues/offices/{office}/desks/1", new { lines = new[] { "point0" } })).EnsureSuccessStatusCode();
        await AssertProblem(await staff.PostAsync($"/api/queues/offices/{office}/desks/1/complete", null), HttpStatusCode.Conflict);
        var unknownLine = await AssertProblem(await staff.PutAsJsonAsync($"/api/queues/offices/{office}/desks/2", new { lines = new[] { "express" } }), HttpStatusCode.BadRequest);
        Assert.True(unknownLine.GetProperty("errors").TryGetProperty("lines[0]", out _), unknownLine.ToString());
        await AssertProblem(await staff.PostAsync("/api/queues/offices/no-such-office/desks/1/call-next", null), HttpStatusCode.NotFound);
        await AssertProblem(await services.AsChannelApp().PostAsync($"/api/queues/offices/{office}/desks/1/call-next", null), HttpStatusCode.Forbidden);
    }

    private async Task<Ticket> IssueAsync(string office, string procedure)
    {
        var response = await services.AsChannelApp().PostAsJsonAsync($"/api/queues/offices/{office}/tickets", new { procedureCode = procedure, channel = "kiosk" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Ticket>())!;
    }

    private static int Waiting(JsonElement board, string line) =>
        board.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("line").GetString() == line).GetProperty("waiting").GetInt32();

    private async Task<List<object>> DayEventsAsync(string office)
    {
        using var context = RequestContext.Begin(Tokens.Tenant, null);
        var days = services.Queues.Services.GetRequiredService<OfficeDays>();
        await using var session = services.Queues.Services.GetRequiredService<IDocumentStore>().QuerySession(Tokens.Tenant);
        var events = await session.Events.FetchStreamAsync(OfficeDay.StreamKey(office, days.Today));
        return events.Select(e => e.Data).ToList();
    }

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
