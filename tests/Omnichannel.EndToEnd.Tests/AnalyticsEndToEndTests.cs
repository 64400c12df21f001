using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>Through the gateway: staff pull their council's events as NDJSON (pseudonymised unless they say otherwise)
/// and the monthly indicators, without database access; nobody else may.</summary>
[Collection(Collections.Analytics)]
public sealed class AnalyticsEndToEndTests(Platform platform)
{
    [Fact]
    public async Task Staff_export_events_through_the_gateway_pseudonymised_by_default()
    {
        var citizen = await platform.RegisterCitizenAsync("ca", phone: "+34 611 222 333");

        var response = await platform.AsStaff().GetAsync("/api/analytics/export?service=citizens");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Equal("/omnichannel/citizens", JsonDocument.Parse(line).RootElement.GetProperty("source").GetString()));
        Assert.DoesNotContain(citizen.ToString(), body);
        Assert.DoesNotContain("611222333", body.Replace(" ", ""));

        // Asked for, the same events as stored: the citizen is there.
        var plain = await platform.AsStaff().GetStringAsync("/api/analytics/export?service=citizens&pseudonymise=false");
        Assert.Contains(citizen.ToString(), plain);
    }

    [Fact]
    public async Task Monthly_indicators_are_served_as_json_and_csv()
    {
        var json = await platform.AsStaff().GetAsync("/api/analytics/indicators/2026-10");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var set = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("2026-10", set.GetProperty("month").GetString());
        Assert.Equal(10, set.GetProperty("suppressionThreshold").GetInt32());

        var csv = await platform.AsStaff().GetAsync("/api/analytics/indicators/2026-10/csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("council,month,indicator,dimension,key,value,unit,suppressed", await csv.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/analytics/indicators/2026-13", "month")]
    [InlineData("/api/analytics/export?service=parking", "service")]
    [InlineData("/api/analytics/export?from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z", "to")]
    [InlineData("/api/analytics/forecast?weeksAhead=40", "weeksAhead")]
    public async Task Bad_input_is_a_problem_naming_the_field(string url, string field)
    {
        var response = await platform.AsStaff().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_staff_reach_the_analytics()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.AsChannelApp().GetAsync("/api/analytics/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.Anonymous().GetAsync("/api/analytics/indicators/2026-10")).StatusCode);
    }
}
