using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Tests.Service;

/// <summary>The SLA watcher in the real service, on a clock the test moves: a breach is recorded at the instant the clock
/// runs out (not before), published once however many passes look, and not at all while the council waits for the citizen.</summary>
public sealed class SlaWatcherTests(IncidentsPlatform platform) : IClassFixture<IncidentsPlatform>
{
    private static readonly BusinessCalendar OnSite = new BusinessCalendars(new BusinessCalendarOptions()).For("on-site");

    private SlaWatcher Watcher => platform.Incidents.Services.GetRequiredService<SlaWatcher>();

    private async Task<(Guid Id, string Code, DateTimeOffset Due)> ReportComplaintAsync()
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/incidents",
            new { kind = "complaint", channel = "email", description = "Nobody answers the phone at the civic centre." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (reply.GetProperty("incidentId").GetGuid(), reply.GetProperty("code").GetString()!, reply.GetProperty("firstAnswerDueAt").GetDateTimeOffset());
    }

    private async Task<List<Guid>> ListAsync(string which) =>
        (await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/incidents/sla/{which}")).EnumerateArray().Select(i => i.GetProperty("incidentId").GetGuid()).ToList();

    private async Task<int> StoredBreachesAsync(Guid incidentId)
    {
        await using var session = platform.Incidents.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tokens.Tenant);
        return (await session.Events.FetchStreamAsync(Incident.StreamKey(incidentId))).Count(e => e.Data is SlaBreached);
    }

    [Fact]
    public async Task A_first_answer_breach_is_recorded_at_its_due_instant_and_published_exactly_once()
    {
        var reportedAt = platform.Clock.GetUtcNow();
        var (id, code, due) = await ReportComplaintAsync();
        Assert.Equal(OnSite.AddWorkingTime(reportedAt, TimeSpan.FromHours(6)), due);

        // A second before: at risk, not breached, whoever looks.
        platform.Clock.SetUtcNow(due.AddSeconds(-1));
        await Watcher.RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, await StoredBreachesAsync(id));
        Assert.Contains(id, await ListAsync("at-risk"));
        Assert.DoesNotContain(id, await ListAsync("breached"));

        // At the instant: the watcher wakes by itself (its timer is on the same clock).
        platform.Clock.SetUtcNow(due);
        var probes = 0;
        var breach = Assert.Single(await platform.ReceivedAsync("IncidentSlaBreached", id, meanwhile: () =>
        {
            // Should the watcher have set its timer only after the clock moved, it is due one interval on.
            if (++probes % 50 == 0) platform.Clock.Advance(TimeSpan.FromSeconds(31));
        }));
        Assert.Equal(due, breach.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(due, breach.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(("first-answer", "complaint", code), (breach.GetProperty("clock").GetString(), breach.GetProperty("kind").GetString(), breach.GetProperty("incidentCode").GetString()));
        Assert.True(!breach.TryGetProperty("citizenId", out var citizen) || citizen.ValueKind == JsonValueKind.Null);

        // More passes, two of them at once, a day later: nothing more is recorded.
        platform.Clock.Advance(TimeSpan.FromDays(1));
        await Task.WhenAll(Watcher.RunOnceAsync(CancellationToken.None), Watcher.RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, await StoredBreachesAsync(id));
        Assert.Contains(id, await ListAsync("breached"));
        Assert.DoesNotContain(id, await ListAsync("at-risk"));
    }

    [Fact]
    public async Task A_breach_already_recorded_is_not_recorded_again_after_the_service_restarts()
    {
        var (id, _, due) = await ReportComplaintAsync();
        platform.Clock.SetUtcNow(due);
        await Watcher.RunOnceAsync(CancellationToken.None);
        // The watcher's own loop woke at the same instant: the pass that lost the race rolled its append back, leaving a gap
        // in the event sequence that the daemon skips once it is stale on the store's clock, the one the test moves.
        Assert.Single(await platform.ReceivedAsync("IncidentSlaBreached", id, meanwhile: () => platform.Clock.Advance(TimeSpan.FromSeconds(1))));

        // A new process: its watcher looks at once, on the same clock, a day later.
        await platform.RestartIncidentsAsync();
        var (marker, _, markerDue) = await ReportComplaintAsync();
        platform.Clock.SetUtcNow(markerDue > due.AddDays(1) ? markerDue : due.AddDays(1));
        // The new watcher may have set its timer just before the clock moved (then it is due one interval on): move the
        // clock past an interval about every second, so a loaded machine's slower probes still give it several chances.
        var probes = 0;
        await Eventually.Until(async () =>
        {
            if (++probes % 10 == 0) platform.Clock.Advance(TimeSpan.FromSeconds(31));
            return await StoredBreachesAsync(marker);
        }, n => n == 1, TimeSpan.FromSeconds(30), "the restarted watcher to record the marker's breach");
        // Then published by the restarted process's outbox.
        await platform.ReceivedAsync("IncidentSlaBreached", marker);

        // The outbox publishes in the order events were stored: the marker's breach came after anything this restart stored.
        Assert.Equal(1, await StoredBreachesAsync(id));
        Assert.Single(platform.Received.Where(r => r.Type == "IncidentSlaBreached" && r.Message.GetProperty("incidentId").GetGuid() == id)
            .Select(r => r.MessageId).Distinct());
    }

    [Fact]
    public async Task While_the_council_waits_for_the_citizen_nothing_breaches_and_their_answer_gives_back_the_time_that_was_left()
    {
        var (id, code, due) = await ReportComplaintAsync();
        var askedAt = platform.Clock.GetUtcNow();
        var staff = platform.AsStaff();
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/incidents/{id}/information-request", new { question = "Which civic centre?" })).StatusCode);
        var left = OnSite.WorkingTimeBetween(askedAt, due);

        // Days past the due time: still nothing, and not on either list.
        platform.Clock.SetUtcNow(due.AddDays(3));
        await Watcher.RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, await StoredBreachesAsync(id));
        Assert.DoesNotContain(id, await ListAsync("breached"));
        Assert.DoesNotContain(id, await ListAsync("at-risk"));

        var answeredAt = platform.Clock.GetUtcNow();
        var answered = await platform.AsChannelApp().PostAsJsonAsync($"/api/incidents/by-code/{code}/information", new { information = "Rocafonda.", channel = "phone" });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var view = await staff.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}?reason=complaint-handling");
        Assert.Equal(OnSite.AddWorkingTime(answeredAt, left), view.GetProperty("sla").GetProperty("firstAnswer").GetProperty("dueAt").GetDateTimeOffset());
    }
}
