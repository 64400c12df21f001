using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Procedures.Cases;
using Omnichannel.Testing;

namespace Omnichannel.Kiosks.Tests.Service;

/// <summary>"My notifications" at the kiosk, against the real procedures service: staff issue a notification on a case
/// (procedures' REST route, If-Match), the kiosk lists and opens it for the citizen identified in its session (over gRPC),
/// and the access is recorded once, with channel kiosk. This host has no citizens service, which submitting a case with
/// a citizen asks, so the case is written into procedures' store as submitted.</summary>
public sealed class NotificationApiTests(MenusHost host) : IClassFixture<MenusHost>
{
    private async Task<(Guid CaseId, string TrackingCode)> CaseForAsync(Guid citizen)
    {
        var caseId = Guid.NewGuid();
        var code = Omnichannel.BuildingBlocks.Codes.PersonalCode.Tracking.New();
        await using var session = host.Procedures.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tokens.Tenant);
        session.Events.StartStream(Case.StreamKey(caseId), new CaseSubmitted(caseId, code, "census-certificate", citizen, "online", null, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
        return (caseId, code);
    }

    private async Task<HttpResponseMessage> IssueAsync(Guid caseId, object body, long? ifMatch = 1, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/procedures/cases/{caseId}/notifications") { Content = JsonContent.Create(body) };
        if (ifMatch is { } version) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return await host.Procedures.Client(token ?? host.Tokens.Staff()).SendAsync(request);
    }

    private static async Task<Guid> StartAsync(HttpClient kiosk, string kioskId, Guid? citizen)
    {
        var started = await kiosk.PostAsJsonAsync($"/api/kiosks/{kioskId}/sessions",
            citizen is null ? new { identification = "anonymous" } : (object)new { identification = "id-card", citizenId = citizen });
        started.EnsureSuccessStatusCode();
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetGuid();
    }

    [Fact]
    public async Task An_identified_citizen_lists_and_opens_their_notification_and_only_the_first_access_is_recorded()
    {
        var citizen = Guid.NewGuid();
        var (caseId, code) = await CaseForAsync(citizen);
        var issued = await IssueAsync(caseId, new { title = "Resolució del certificat", body = "Se us concedeix el certificat.", language = "ca" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var notificationId = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("notificationId").GetGuid();
        Assert.Equal("\"2\"", issued.Headers.ETag!.Tag);

        var office = await host.RegisterOfficeAsync();
        var (kiosk, client) = await host.KioskAsync(office, "touchscreen", "printer");
        var session = await StartAsync(client, kiosk.KioskId, citizen);
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/notifications");
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(("Resolució del certificat", code), (item.GetProperty("title").GetString(), item.GetProperty("trackingCode").GetString()));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("accessedAt").ValueKind);

        var first = await client.PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/notifications/{notificationId}/access", null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var opened = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Se us concedeix el certificat.", "kiosk"), (opened.GetProperty("body").GetString(), opened.GetProperty("accessChannel").GetString()));
        var again = await (await client.PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/notifications/{notificationId}/access", null))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(opened.GetProperty("accessedAt").GetDateTimeOffset(), again.GetProperty("accessedAt").GetDateTimeOffset());

        await using var query = host.Procedures.Services.GetRequiredService<IDocumentStore>().QuerySession(Tokens.Tenant);
        var accesses = (await query.Events.FetchStreamAsync(Case.StreamKey(caseId))).Select(e => e.Data).OfType<NotificationAccessed>().ToList();
        var access = Assert.Single(accesses);
        Assert.Equal(("kiosk", $"kiosk:{kiosk.KioskId}"), (access.Channel, access.By));

        var relisted = await client.GetFromJsonAsync<JsonElement>($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/notifications");
        Assert.Equal(JsonValueKind.String, relisted.GetProperty("items")[0].GetProperty("accessedAt").ValueKind);
    }

    [Fact]
    public async Task Another_citizens_notification_is_not_found_and_an_anonymous_session_has_none()
    {
        var (caseId, _) = await CaseForAsync(Guid.NewGuid());
        var issued = await IssueAsync(caseId, new { title = "Requeriment", body = "Cal que aporteu el contracte.", language = "ca" });
        var notificationId = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("notificationId").GetGuid();
        var office = await host.RegisterOfficeAsync();
        var (kiosk, client) = await host.KioskAsync(office, "touchscreen");

        var someoneElse = await StartAsync(client, kiosk.KioskId, Guid.NewGuid());
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/kiosks/{kiosk.KioskId}/sessions/{someoneElse}/notifications");
        Assert.Empty(list.GetProperty("items").EnumerateArray());
        var theirs = await client.PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{someoneElse}/notifications/{notificationId}/access", null);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        (await client.PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{someoneElse}/end", null)).EnsureSuccessStatusCode();
        (await client.PostAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{someoneElse}/wipe-acknowledgement", null)).EnsureSuccessStatusCode();

        var anonymous = await StartAsync(client, kiosk.KioskId, null);
        var refused = await client.GetAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{anonymous}/notifications");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task Issuing_checks_the_fields_the_cases_version_and_the_council()
    {
        var (caseId, _) = await CaseForAsync(Guid.NewGuid());

        var bad = await IssueAsync(caseId, new { title = "", body = "Text", language = "fr" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _) && errors.TryGetProperty("language", out _), errors.ToString());

        var stale = await IssueAsync(caseId, new { title = "Títol", body = "Text", language = "es" }, ifMatch: 7);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var otherCouncil = await IssueAsync(caseId, new { title = "Títol", body = "Text", language = "es" }, token: host.Tokens.Staff("badalona"));
        Assert.Equal(HttpStatusCode.NotFound, otherCouncil.StatusCode);

        var unknown = await IssueAsync(Guid.NewGuid(), new { title = "Títol", body = "Text", language = "es" }, ifMatch: null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
