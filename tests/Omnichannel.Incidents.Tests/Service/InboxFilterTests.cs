using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Omnichannel.Incidents.Tests.Service;

/// <summary>The staff inbox filtered by SLA state and by text, combined with the other filters and paged.</summary>
public sealed class InboxFilterTests(IncidentsPlatform platform) : IClassFixture<IncidentsPlatform>
{
    private async Task<(Guid Id, DateTimeOffset Due)> ReportAsync(string channel, string description)
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/incidents", new { kind = "complaint", channel, description });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (reply.GetProperty("incidentId").GetGuid(), reply.GetProperty("firstAnswerDueAt").GetDateTimeOffset());
    }

    private async Task<(List<Guid> Ids, int Total, List<string> States)> InboxAsync(string query)
    {
        var page = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/incidents?{query}");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        return (items.Select(i => i.GetProperty("incidentId").GetGuid()).ToList(), page.GetProperty("total").GetInt32(),
            items.Select(i => i.GetProperty("slaState").GetString()!).ToList());
    }

    [Fact]
    public async Task Staff_filter_by_words_of_the_description_in_any_case_with_the_other_filters_and_pages()
    {
        var word = $"bench{Guid.NewGuid():N}"[..20];
        var (broken, _) = await ReportAsync("email", $"The {word} near the school is broken.");
        var (painted, _) = await ReportAsync("whatsapp", $"Somebody painted the {word.ToUpperInvariant()} in the park.");
        var (other, _) = await ReportAsync("phone", "The streetlight is off.");

        var (all, total, _) = await InboxAsync($"text={word}");
        Assert.Equal(2, total);
        Assert.Equal(new[] { broken, painted }.Order(), all.Order());
        Assert.DoesNotContain(other, all);
        Assert.Equal([painted], (await InboxAsync($"text={word.ToUpperInvariant()}&channel=whatsapp")).Ids);

        // Paged: one per page, the same two in all, none repeated.
        var first = await InboxAsync($"text={word}&pageSize=1&page=1");
        var second = await InboxAsync($"text={word}&pageSize=1&page=2");
        Assert.Equal((1, 1, 2), (first.Ids.Count, second.Ids.Count, first.Total));
        Assert.Equal(all.Order(), first.Ids.Concat(second.Ids).Order());
    }

    [Fact]
    public async Task Staff_list_incidents_on_time_at_risk_and_breached()
    {
        var word = $"slastate{Guid.NewGuid():N}"[..20];
        var (answered, _) = await ReportAsync("email", $"{word}: how do I ask for a parking card?");
        var (late, due) = await ReportAsync("email", $"{word}: nobody has called me back.");
        Assert.Equal(HttpStatusCode.OK, (await platform.AsStaff().PostAsJsonAsync($"/api/incidents/{answered}/answer", new { answer = "At the e-office." })).StatusCode);

        platform.Clock.SetUtcNow(due.AddMinutes(-30));
        Assert.Equal([late], (await InboxAsync($"text={word}&sla=at-risk")).Ids);
        Assert.Equal([answered], (await InboxAsync($"text={word}&sla=on-time")).Ids);
        Assert.Empty((await InboxAsync($"text={word}&sla=breached")).Ids);

        // Breached from its due instant, whether or not the watcher has recorded it yet.
        platform.Clock.SetUtcNow(due.AddSeconds(1));
        var breached = await InboxAsync($"text={word}&sla=breached");
        Assert.Equal([late], breached.Ids);
        Assert.Equal(["breached"], breached.States);
        Assert.Empty((await InboxAsync($"text={word}&sla=at-risk")).Ids);
        Assert.Equal(["on-time"], (await InboxAsync($"text={word}&sla=on-time")).States);
    }

    [Theory]
    [InlineData("sla=late", "sla")]
    [InlineData("pageSize=500", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task A_bad_filter_is_a_400_naming_it(string query, string field)
    {
        var response = await platform.AsStaff().GetAsync($"/api/incidents?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
