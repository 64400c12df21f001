using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Kiosks.Sessions.Timeouts;

namespace Omnichannel.Kiosks.Tests.Service;

/// <summary>The wipe handshake and its timeouts against real PostgreSQL and RabbitMQ, on the service's movable clock.</summary>
public sealed class SessionApiTests(KiosksHost host) : IClassFixture<KiosksHost>
{
    private async Task<(KiosksHost.Enrolled Kiosk, HttpClient Client)> KioskAsync()
    {
        var office = await host.RegisterOfficeAsync();
        var kiosk = await host.EnrolAsync(office, "touchscreen", "printer");
        return (kiosk, host.As(await host.TokenAsync(kiosk.Credential)));
    }

    private static async Task<Guid> StartAsync(HttpClient client, string kioskId)
    {
        var response = await client.PostAsJsonAsync($"/api/kiosks/{kioskId}/sessions", new { identification = "anonymous" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetGuid();
    }

    private static async Task<JsonElement> StateAsync(HttpClient client, string kioskId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/kiosks/{kioskId}/sessions/state");

    [Fact]
    public async Task Ending_a_session_asks_for_a_wipe_and_no_session_starts_until_the_kiosk_acknowledges_it()
    {
        var (kiosk, client) = await KioskAsync();
        var session = await StartAsync(client, kiosk.KioskId);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/actions",
            new { action = "procedure-opened", reference = "census-certificate" })).StatusCode);

        var end = await (await client.PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/end", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(session, end.GetProperty("sessionId").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions", new { identification = "anonymous" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync(end.GetProperty("acknowledge").GetString(), null)).StatusCode);
        await StartAsync(client, kiosk.KioskId);
    }

    [Fact]
    public async Task An_idle_session_ends_by_itself_and_a_wipe_left_unacknowledged_takes_the_kiosk_out_of_service_until_it_acknowledges()
    {
        var watcher = host.Kiosks.Services.GetRequiredService<SessionWatcher>();
        var (kiosk, client) = await KioskAsync();
        var session = await StartAsync(client, kiosk.KioskId);

        host.Clock.Offset += TimeSpan.FromMinutes(3); // idle longer than Kiosks:SessionIdleSeconds (120)
        await watcher.SweepAsync(CancellationToken.None);
        var state = await StateAsync(client, kiosk.KioskId);
        Assert.Equal(JsonValueKind.Null, state.GetProperty("openSessionId").ValueKind);
        Assert.Equal(session, state.GetProperty("wipeSessionId").GetGuid());
        Assert.False(state.GetProperty("outOfService").GetBoolean());

        host.Clock.Offset += TimeSpan.FromMinutes(2); // no acknowledgement within Kiosks:WipeAcknowledgeSeconds (60)
        await watcher.SweepAsync(CancellationToken.None);
        Assert.True((await StateAsync(client, kiosk.KioskId)).GetProperty("outOfService").GetBoolean());
        var fleet = await host.AsStaff().GetFromJsonAsync<JsonElement>($"/api/kiosks/offices/{kiosk.OfficeId}/fleet");
        Assert.True(fleet.GetProperty("kiosks").EnumerateArray().Single(k => k.GetProperty("kioskId").GetString() == kiosk.KioskId).GetProperty("outOfService").GetBoolean());
        var refused = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions", new { identification = "anonymous" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/wipe-acknowledgement", null)).StatusCode);
        Assert.False((await StateAsync(client, kiosk.KioskId)).GetProperty("outOfService").GetBoolean());
        await StartAsync(client, kiosk.KioskId);
    }

    [Fact]
    public async Task A_kiosk_cannot_touch_another_kiosks_sessions()
    {
        var (mine, client) = await KioskAsync();
        var (other, otherClient) = await KioskAsync();
        var session = await StartAsync(otherClient, other.KioskId);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/kiosks/{other.KioskId}/sessions/{session}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/kiosks/{other.KioskId}/sessions/state")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/kiosks/{mine.KioskId}/sessions/{session}/end", null)).StatusCode);
    }

    [Fact]
    public async Task Nothing_of_the_last_citizen_reaches_the_next_session_neither_their_session_nor_their_name_to_book_in()
    {
        var (kiosk, client) = await KioskAsync();
        var citizen = Guid.NewGuid();
        var started = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions", new { identification = "id-card", citizenId = citizen });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var theirs = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetGuid();
        var end = await (await client.PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{theirs}/end", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync(end.GetProperty("acknowledge").GetString(), null)).StatusCode);
        var next = await StartAsync(client, kiosk.KioskId);

        // The ended session takes nothing more, and the anonymous one books in nobody's name.
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{theirs}/actions",
            new { action = "procedure-opened", reference = "census-certificate" })).StatusCode);
        foreach (var session in new[] { theirs, next })
            Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/appointments",
                new { procedureCode = "census-registration", startsAt = DateTimeOffset.UtcNow.AddDays(8) })).StatusCode);

        // What the kiosk can read of itself names no one.
        foreach (var path in new[] { $"/api/kiosks/{kiosk.KioskId}/sessions/state", $"/api/kiosks/{kiosk.KioskId}" })
            Assert.DoesNotContain(citizen.ToString(), await client.GetStringAsync(path), StringComparison.OrdinalIgnoreCase);
    }
}
