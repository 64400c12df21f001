using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>"Call me" through the gateway: a channel asks, the phone agents see it on their list and record the outcome,
/// and the citizen's history shows both.</summary>
[Collection(Collections.Requests)]
public sealed class CallbackTests(Platform platform)
{
    private async Task<Guid> AskAsync(Guid citizen, DateTimeOffset callAt, string topic)
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/appointments/callbacks",
            new { citizenId = citizen, phone = "612 345 678", callAt, procedureCode = "census-registration", topic, channel = "whatsapp" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("callbackId").GetGuid();
    }

    [Fact]
    public async Task A_requested_call_is_on_the_agents_list_for_its_day_marked_done_or_failed_once_and_in_the_citizens_history()
    {
        var citizen = await platform.RegisterCitizenAsync("en");
        var day = PhoneDays.Next();
        var reached = await AskAsync(citizen, PhoneDays.At(day, 10, 0), "census certificate");
        var unreachable = await AskAsync(citizen, PhoneDays.At(day, 9, 0), "again");

        var staff = platform.AsStaff();
        var list = await staff.GetFromJsonAsync<List<JsonElement>>($"/api/appointments/callbacks?date={day:yyyy-MM-dd}");
        var mine = list!.Where(c => c.GetProperty("citizenId").GetGuid() == citizen).ToList();
        Assert.Equal([unreachable, reached], mine.Select(c => c.GetProperty("callbackId").GetGuid())); // by time of the call
        Assert.All(mine, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("outcome").ValueKind));
        Assert.Equal("+34612345678", mine[1].GetProperty("phone").GetString()); // was "612 345 678": phones are kept in E.164

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/appointments/callbacks/{reached}/outcome", new { outcome = "done", note = "told them the documents" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/appointments/callbacks/{unreachable}/outcome", new { outcome = "failed" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/appointments/callbacks/{reached}/outcome", new { outcome = "failed" })).StatusCode);

        list = (await staff.GetFromJsonAsync<List<JsonElement>>($"/api/appointments/callbacks?date={day:yyyy-MM-dd}"))!;
        Assert.Equal("done", list.Single(c => c.GetProperty("callbackId").GetGuid() == reached).GetProperty("outcome").GetString());
        Assert.Equal("failed", list.Single(c => c.GetProperty("callbackId").GetGuid() == unreachable).GetProperty("outcome").GetString());

        var history = await Eventually.Until(
            () => platform.AsChannelApp().GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/history?lang=en"),
            page => page.GetProperty("entries").GetArrayLength() >= 4, what: "two requests and two outcomes in the history");
        var kinds = history.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(2, kinds.Count(k => k == "callback-requested"));
        Assert.Contains("callback-done", kinds);
        Assert.Contains("callback-failed", kinds);
    }

    [Fact]
    public async Task The_agents_list_is_for_staff_only()
    {
        var response = await platform.AsChannelApp().GetAsync($"/api/appointments/callbacks?date={PhoneDays.Next():yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(20, 0)] // after the phone service closes
    [InlineData(7, 0)]  // before it opens
    public async Task A_call_asked_for_outside_phone_hours_is_a_400_problem_naming_callAt_and_the_next_opening(int hour, int minute)
    {
        var citizen = await platform.RegisterCitizenAsync();
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/appointments/callbacks",
            new { citizenId = citizen, phone = "612 345 678", callAt = PhoneDays.At(PhoneDays.Next(), hour, minute), channel = "online" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("next opening", problem.GetProperty("errors").GetProperty("callAt")[0].GetString());
    }

    [Fact]
    public async Task A_call_without_a_valid_phone_is_a_400_problem_naming_phone()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/appointments/callbacks",
            new { citizenId = citizen, phone = "call me", callAt = PhoneDays.At(PhoneDays.Next(), 10, 0), channel = "online" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("phone", out _), problem.ToString());
    }
}
