using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.Kiosks.Sessions;
using Omnichannel.Testing;

namespace Omnichannel.Kiosks.Tests.Service;

/// <summary>Assisted and remote help against real PostgreSQL and RabbitMQ: the free assistant of the office is called,
/// remote requests wait in the staff queue and get a video room, waiting and handling times are recorded, and the
/// session records who assisted.</summary>
public sealed class AssistanceApiTests(KiosksHost host) : IClassFixture<KiosksHost>
{
    private HttpClient AsStaffMember(string subject) =>
        host.As(TokenIssuer.Issue(host.Tokens.Settings, OmnichannelRoles.Staff, Tokens.Tenant, subject, TimeSpan.FromHours(1)));

    private async Task<(KiosksHost.Enrolled Kiosk, HttpClient Client, Guid Session)> SessionAsync(string office, params string[] peripherals)
    {
        var kiosk = await host.EnrolAsync(office, peripherals);
        var client = host.As(await host.TokenAsync(kiosk.Credential));
        var started = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions", new { identification = "anonymous" });
        return (kiosk, client, (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetGuid());
    }

    [Fact]
    public async Task I_want_help_calls_the_free_assistant_of_the_office_who_joins_the_session_and_is_free_again_when_it_is_closed_with_its_times()
    {
        var office = await host.RegisterOfficeAsync();
        var marta = AsStaffMember($"staff-marta-{Guid.NewGuid():N}"[..20]);
        (await marta.PutAsJsonAsync($"/api/kiosks/offices/{office}/assistants/me", new { available = true })).EnsureSuccessStatusCode();
        var (kiosk, client, session) = await SessionAsync(office, "touchscreen");

        var asked = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/help-requests", new { mode = "on-site" });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var request = await asked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(request.GetProperty("assistantCalled").GetBoolean());
        var requestId = request.GetProperty("requestId").GetGuid();
        var queue = await host.AsStaff().GetFromJsonAsync<JsonElement>($"/api/kiosks/offices/{office}/assistance");
        Assert.Equal(requestId, queue.EnumerateArray().Single().GetProperty("requestId").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/help-requests", new { mode = "on-site" })).StatusCode);

        host.Clock.MoveTo(host.Clock.GetUtcNow().AddSeconds(40));
        var accepted = await (await marta.PostAsync($"/api/kiosks/assistance/{requestId}/acceptance", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.InRange(accepted.GetProperty("waitingSeconds").GetInt32(), 40, 45);
        host.Clock.MoveTo(host.Clock.GetUtcNow().AddSeconds(300));
        var closed = await (await marta.PostAsync($"/api/kiosks/assistance/{requestId}/closure", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.InRange(closed.GetProperty("handlingSeconds").GetInt32(), 300, 305);
        Assert.Empty((await host.AsStaff().GetFromJsonAsync<JsonElement>($"/api/kiosks/offices/{office}/assistance")).EnumerateArray());

        await client.PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/end", null);
        await using var store = host.Kiosks.Services.GetRequiredService<IDocumentStore>().QuerySession(Tokens.Tenant);
        var events = (await store.Events.FetchStreamAsync(SessionsState.StreamKey(kiosk.KioskId))).Select(e => e.Data).ToList();
        Assert.Single(events.OfType<AssistantJoined>());
        Assert.True(events.OfType<SessionEnded>().Single().Assisted);

        // Free again: the next request at the office calls her.
        var (next, nextClient, nextSession) = await SessionAsync(office, "touchscreen");
        var again = await (await nextClient.PostAsJsonAsync($"/api/kiosks/{next.KioskId}/sessions/{nextSession}/help-requests", new { mode = "on-site" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(again.GetProperty("assistantCalled").GetBoolean());
    }

    [Fact]
    public async Task A_remote_request_waits_in_the_staff_queue_and_the_one_who_takes_it_gets_a_video_room_the_kiosk_sees_too()
    {
        var office = await host.RegisterOfficeAsync();
        var (kiosk, client, session) = await SessionAsync(office, "touchscreen", "camera", "speaker", "microphone");

        var asked = await (await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/help-requests", new { mode = "remote" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var requestId = asked.GetProperty("requestId").GetGuid();
        Assert.False(asked.GetProperty("assistantCalled").GetBoolean());
        var remote = await host.AsStaff().GetFromJsonAsync<JsonElement>("/api/kiosks/assistance/remote");
        Assert.Contains(remote.EnumerateArray(), r => r.GetProperty("requestId").GetGuid() == requestId);

        var accepted = await (await AsStaffMember("staff-jordi").PostAsync($"/api/kiosks/assistance/{requestId}/acceptance", null)).Content.ReadFromJsonAsync<JsonElement>();
        var room = accepted.GetProperty("roomUrl").GetString()!;
        Assert.StartsWith("https://meet.jit.si/mataro-kiosk-", room);
        Assert.Equal(HttpStatusCode.Conflict, (await AsStaffMember("staff-pau").PostAsync($"/api/kiosks/assistance/{requestId}/acceptance", null)).StatusCode);
        var seen = await client.GetFromJsonAsync<JsonElement>($"/api/kiosks/{kiosk.KioskId}/help-requests/{requestId}");
        Assert.Equal((room, "accepted"), (seen.GetProperty("roomUrl").GetString(), seen.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/kiosks/assistance/{requestId}/closure", null)).StatusCode);
    }

    [Fact]
    public async Task Remote_help_from_a_kiosk_without_camera_is_a_400_naming_the_mode_and_staff_join_a_session_on_site_without_a_request()
    {
        var office = await host.RegisterOfficeAsync();
        var (kiosk, client, session) = await SessionAsync(office, "touchscreen");

        var remote = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/help-requests", new { mode = "remote" });
        var joined = await host.AsStaff().PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/assistant", null);
        var kioskJoining = await client.PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/assistant", null);

        Assert.Equal(HttpStatusCode.BadRequest, remote.StatusCode);
        Assert.True((await remote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("mode", out _));
        Assert.Equal(HttpStatusCode.NoContent, joined.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, kioskJoining.StatusCode);
    }
}
