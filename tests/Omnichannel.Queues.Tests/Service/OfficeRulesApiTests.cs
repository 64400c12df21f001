using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Omnichannel.Contracts.V1;
using Omnichannel.Testing;

namespace Omnichannel.Queues.Tests.Service;

/// <summary>Offices from the office directory, and the queue rules' problems, against real PostgreSQL and RabbitMQ.</summary>
public sealed class OfficeRulesApiTests(QueuesServices services) : IClassFixture<QueuesServices>
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    [Fact]
    public async Task Configuring_lines_on_an_office_the_directory_does_not_know_is_a_404_problem_naming_it()
    {
        var names = new { ca = "Oficina", es = "Oficina", en = "Office" };
        var response = await services.AsStaff().PutAsJsonAsync("/api/queues/offices/mataro-connecta", new
        {
            names, lines = new[] { new { line = "general", prefix = "G", names } },
        });

        var problem = await AssertProblem(response, HttpStatusCode.NotFound);
        Assert.Contains("'mataro-connecta'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_demo_office_registered_by_the_directory_gets_its_demo_lines_and_its_directory_name()
    {
        await services.RegisterOfficeAsync("connecta-space", calendar: "on-site");

        var office = await Eventually.Until(() => services.AsStaff().GetFromJsonAsync<JsonElement>("/api/queues/offices/connecta-space"),
            o => o.GetProperty("lines").GetArrayLength() > 0, what: "the demo lines");

        Assert.Equal(["P", "G", "C", "A"], office.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("prefix").GetString()));
        Assert.Equal("Oficina de prova", office.GetProperty("names").GetProperty("ca").GetString());
        Assert.Equal("on-site", office.GetProperty("calendar").GetString());
    }

    [Fact]
    public async Task A_walk_in_on_a_day_the_directory_closed_the_office_is_a_409_problem_with_the_next_opening()
    {
        var office = await services.NewOfficeAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Madrid).DateTime);
        await services.QueuesBus.Publish(new OfficeClosedForDay(Tokens.Tenant, DateTimeOffset.UtcNow, null, null, office, today, "Inventari"), c => c.MessageId = Guid.NewGuid());
        await Eventually.Until(() => services.AsStaff().GetFromJsonAsync<JsonElement>($"/api/queues/offices/{office}"),
            o => o.GetProperty("closures").GetArrayLength() == 1, what: "the closure noted");

        var response = await services.AsChannelApp().PostAsJsonAsync($"/api/queues/offices/{office}/tickets", new { procedureCode = "census-certificate", channel = "kiosk" });

        var problem = await AssertProblem(response, HttpStatusCode.Conflict);
        Assert.Equal("office-closed", problem.GetProperty("reason").GetString());
        var nextOpening = problem.GetProperty("nextOpening").GetDateTimeOffset();
        var tomorrow = today.AddDays(1).ToDateTime(TimeOnly.MinValue);
        Assert.Equal(new DateTimeOffset(tomorrow, Madrid.GetUtcOffset(tomorrow)), nextOpening); // the "always" calendar opens at midnight
        Assert.Contains("opens again", problem.GetProperty("detail").GetString());
        Assert.Contains("Torna a obrir", problem.GetProperty("messages").GetProperty("ca").GetString());
    }

    [Fact]
    public async Task A_ticket_on_a_line_no_open_desk_serves_shows_an_unknown_wait_not_zero_minutes()
    {
        var office = await services.NewOfficeAsync();

        var response = await services.AsChannelApp().PostAsJsonAsync($"/api/queues/offices/{office}/tickets", new { procedureCode = "census-certificate", channel = "kiosk" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var wait = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("wait");
        Assert.Equal(JsonValueKind.Null, wait.GetProperty("expectedMinutes").ValueKind);
        Assert.Equal("no-open-desk", wait.GetProperty("unknown").GetString());
    }

    [Fact]
    public async Task A_ticket_transferred_to_a_desk_that_closes_goes_back_to_its_line_and_another_desk_calls_it()
    {
        var office = await services.NewOfficeAsync();
        var staff = services.AsStaff();
        foreach (var (desk, line) in new[] { ("1", "point0"), ("2", "point0"), ("3", "point0") })
            (await staff.PutAsJsonAsync($"/api/queues/offices/{office}/desks/{desk}", new { lines = new[] { line } })).EnsureSuccessStatusCode();
        (await services.AsChannelApp().PostAsJsonAsync($"/api/queues/offices/{office}/tickets", new { procedureCode = "census-certificate", channel = "kiosk" })).EnsureSuccessStatusCode();
        (await staff.PostAsync($"/api/queues/offices/{office}/desks/1/call-next", null)).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync($"/api/queues/offices/{office}/desks/1/transfer", new { toDeskId = "3" })).EnsureSuccessStatusCode();
        await AssertProblem(await staff.PostAsync($"/api/queues/offices/{office}/desks/2/call-next", null), HttpStatusCode.Conflict); // reserved for desk 3

        (await staff.DeleteAsync($"/api/queues/offices/{office}/desks/3")).EnsureSuccessStatusCode();
        var call = await staff.PostAsync($"/api/queues/offices/{office}/desks/2/call-next", null);

        call.EnsureSuccessStatusCode();
        Assert.Equal("P-001", (await call.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("current").GetString());
        var statistics = await staff.GetFromJsonAsync<JsonElement>($"/api/queues/offices/{office}/statistics");
        Assert.Equal(1, statistics.GetProperty("transfersByLine").GetProperty("point0").GetInt32());
    }

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
