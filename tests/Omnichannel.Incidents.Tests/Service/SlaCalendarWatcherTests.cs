using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Tests.Service;

/// <summary>The incidents service with its clock on Thursday 25 March 2027, 16:00 in Madrid: before Easter (Good Friday and
/// Easter Monday are holidays in Catalonia) and the weekend of the spring DST change.</summary>
public sealed class DstWeekendPlatform : IncidentsPlatform
{
    public DstWeekendPlatform() : base(new DateTimeOffset(2027, 3, 25, 16, 0, 0, TimeSpan.FromHours(1)))
    {
    }
}

/// <summary>The watcher in the real service on a fake clock, over nights, weekends, both DST changes and a holiday: the
/// breach is published at the working-time instant, on the council's wall clock, not an hour or a day off.</summary>
public sealed class SlaCalendarWatcherTests(DstWeekendPlatform platform) : IClassFixture<DstWeekendPlatform>
{
    private SlaWatcher Watcher => platform.Incidents.Services.GetRequiredService<SlaWatcher>();

    private async Task<(Guid Id, DateTimeOffset Due)> ReportAsync()
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/incidents",
            new { kind = "suggestion", channel = "email", description = "Open the library on Saturdays." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (reply.GetProperty("incidentId").GetGuid(), reply.GetProperty("firstAnswerDueAt").GetDateTimeOffset());
    }

    /// <summary>Nothing a second before; at the instant, the watcher wakes on its own and the breach carries that instant.</summary>
    private async Task BreachedExactlyAtAsync(Guid id, DateTimeOffset expectedDue)
    {
        platform.Clock.SetUtcNow(expectedDue.AddSeconds(-1));
        await Watcher.RunOnceAsync(CancellationToken.None);
        platform.Clock.SetUtcNow(expectedDue);
        var probes = 0;
        var breach = Assert.Single(await platform.ReceivedAsync("IncidentSlaBreached", id, meanwhile: () =>
        {
            if (++probes % 50 == 0) platform.Clock.Advance(TimeSpan.FromSeconds(31));
        }));
        Assert.Equal(expectedDue, breach.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(expectedDue.UtcDateTime, breach.GetProperty("dueAt").GetDateTimeOffset().UtcDateTime);
    }

    [Fact]
    public async Task Across_the_spring_and_the_autumn_dst_weekends_and_holidays_the_breach_is_published_at_the_working_hours_instant()
    {
        // Thursday 25 March 2027 16:00 CET: two hours on Thursday; Good Friday; the clocks go forward on Sunday 28; Easter
        // Monday; four more hours from Tuesday 9:00 CEST — 13:00 on the wall clock, 11:00 UTC.
        var (spring, springDue) = await ReportAsync();
        Assert.Equal(new DateTimeOffset(2027, 3, 30, 13, 0, 0, TimeSpan.FromHours(2)), springDue);
        await BreachedExactlyAtAsync(spring, springDue);

        // Friday 29 October 2027 13:00 CEST: two hours on Friday; the clocks go back on Sunday 31; Monday 1 November is
        // All Saints' Day; four more hours from Tuesday 9:00 CET — 13:00 on the wall clock, 12:00 UTC.
        platform.Clock.SetUtcNow(new DateTimeOffset(2027, 10, 29, 13, 0, 0, TimeSpan.FromHours(2)));
        var (autumn, autumnDue) = await ReportAsync();
        Assert.Equal(new DateTimeOffset(2027, 11, 2, 13, 0, 0, TimeSpan.FromHours(1)), autumnDue);
        await BreachedExactlyAtAsync(autumn, autumnDue);
    }
}
