using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Workflow.Closing;

namespace Omnichannel.Incidents.Tests.Service;

/// <summary>The closer in the real service, on a clock the test moves: a resolved incident closes by itself once its
/// reopening period (15 days by default) is over, once, and a reopened one does not.</summary>
public sealed class AutoCloseServiceTests(IncidentsPlatform platform) : IClassFixture<IncidentsPlatform>
{
    private AutoCloser Closer => platform.Incidents.Services.GetRequiredService<AutoCloser>();

    private async Task<(Guid Id, string Code)> ReportAndResolveAsync()
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/incidents",
            new { kind = "complaint", channel = "email", description = "The fountain in the square leaks." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = reply.GetProperty("incidentId").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await platform.AsStaff().PostAsJsonAsync($"/api/incidents/{id}/resolution", new { resolution = "Repaired." })).StatusCode);
        return (id, reply.GetProperty("code").GetString()!);
    }

    private async Task<string> StatusAsync(Guid id) =>
        (await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/incidents/{id}?reason=complaint-handling")).GetProperty("status").GetString()!;

    private async Task<int> StoredClosingsAsync(Guid incidentId)
    {
        await using var session = platform.Incidents.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tokens.Tenant);
        return (await session.Events.FetchStreamAsync(Incident.StreamKey(incidentId))).Count(e => e.Data is IncidentClosed);
    }

    [Fact]
    public async Task A_resolved_incident_closes_by_itself_once_its_reopening_period_is_over_and_only_once()
    {
        var resolvedAt = platform.Clock.GetUtcNow();
        var (id, code) = await ReportAndResolveAsync();
        var (reopenedId, reopenedCode) = await ReportAndResolveAsync();
        Assert.Equal(HttpStatusCode.OK, (await platform.AsChannelApp().PostAsJsonAsync($"/api/incidents/by-code/{reopenedCode}/reopening",
            new { reason = "It leaks again.", channel = "email" })).StatusCode);

        // The last instant of the period: still resolved, whoever looks.
        platform.Clock.SetUtcNow(resolvedAt + TimeSpan.FromDays(15));
        await Closer.RunOnceAsync(CancellationToken.None);
        Assert.Equal("resolved", await StatusAsync(id));

        // Just after: the closer wakes by itself (its timer is on the same clock) and the citizen hears of it.
        platform.Clock.Advance(TimeSpan.FromSeconds(1));
        var probes = 0;
        await Eventually.Until(async () =>
        {
            // Should the closer have set its timer only after the clock moved, it looks again one interval on.
            if (++probes % 20 == 0) platform.Clock.Advance(TimeSpan.FromSeconds(31));
            return await StatusAsync(id);
        }, s => s == "closed", TimeSpan.FromSeconds(30), "closed");
        var closed = await platform.ReceivedAsync("IncidentProgressed", id, atLeast: 2);
        Assert.Contains(closed, m => m.GetProperty("step").GetString() == "closed");

        // More passes, two at once, later on: closed once. The citizen can no longer reopen it.
        platform.Clock.Advance(TimeSpan.FromDays(2));
        await Task.WhenAll(Closer.RunOnceAsync(CancellationToken.None), Closer.RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, await StoredClosingsAsync(id));
        var refused = await platform.AsChannelApp().PostAsJsonAsync($"/api/incidents/by-code/{code}/reopening", new { reason = "Again.", channel = "email" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        // The reopened one is being worked on again: nothing closes it.
        Assert.Equal("in-progress", await StatusAsync(reopenedId));
        Assert.Equal(0, await StoredClosingsAsync(reopenedId));
    }
}
