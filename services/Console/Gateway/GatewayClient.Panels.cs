using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Omnichannel.StaffConsole.Gateway;

// The staff panels' calls: appointments of the day, the case inbox, incidents, conversations, the kiosk fleet.
public sealed partial class GatewayClient
{
    // Appointments of the day: the office's list, check-in on arrival, the office's closures.
    public Task<ApiResult<List<DayAppointment>>> OfficeDayAsync(string office, DateOnly day, CancellationToken ct = default) =>
        SendAsync<List<DayAppointment>>(HttpMethod.Get, $"/api/appointments/offices/{E(office)}/appointments?date={day:yyyy-MM-dd}", null, ct);
    public Task<ApiResult<DayAppointment>> CheckInAsync(Guid appointment, CancellationToken ct = default) =>
        SendAsync<DayAppointment>(HttpMethod.Post, $"/api/appointments/{appointment}/check-in", new { channel = "on-site" }, ct);
    public Task<ApiResult<List<AppointmentOffice>>> AppointmentOfficesAsync(CancellationToken ct = default) =>
        SendAsync<List<AppointmentOffice>>(HttpMethod.Get, "/api/appointments/offices", null, ct);
    public Task<ApiResult<ProcedurePage>> CatalogueAsync(CancellationToken ct = default) =>
        SendAsync<ProcedurePage>(HttpMethod.Get, "/api/procedures?pageSize=500", null, ct);

    // Cases: the inbox with its filters, one case with its history, a status change with a note (If-Match: the version read).
    public Task<ApiResult<CaseInboxPage>> CasesAsync(string? status, string? procedureCode, string? channel, int page, CancellationToken ct = default) =>
        SendAsync<CaseInboxPage>(HttpMethod.Get, "/api/procedures/cases" + Query(("status", status), ("procedureCode", procedureCode), ("channel", channel), ("page", $"{page}"), ("pageSize", "25")), null, ct);
    /// <summary><paramref name="reason"/>: why it is opened (the access log's reasons, e.g. case-handling); required.</summary>
    public Task<ApiResult<CaseDetail>> CaseAsync(Guid caseId, string reason, CancellationToken ct = default) =>
        SendAsync<CaseDetail>(HttpMethod.Get, $"/api/procedures/cases/{caseId}?reason={E(reason)}", null, ct);
    public Task<ApiResult<CaseStatusChanged>> ChangeCaseStatusAsync(Guid caseId, string status, string? note, long version, CancellationToken ct = default) =>
        SendIfMatchAsync<CaseStatusChanged>(HttpMethod.Post, $"/api/procedures/cases/{caseId}/status", new { status, note }, version, ct);

    // Incidents: the inbox sorted by SLA due time (the service's order), one incident, and the staff steps (If-Match).
    public Task<ApiResult<IncidentInboxPage>> IncidentsAsync(string? status, string? kind, string? sla, string? channel, CancellationToken ct = default) =>
        SendAsync<IncidentInboxPage>(HttpMethod.Get, "/api/incidents" + Query(("status", status), ("kind", kind), ("sla", sla), ("channel", channel), ("pageSize", "50")), null, ct);
    /// <summary><paramref name="reason"/>: why it is opened (the access log's reasons, e.g. complaint-handling); required.</summary>
    public Task<ApiResult<IncidentDetail>> IncidentAsync(Guid incident, string reason, CancellationToken ct = default) =>
        SendAsync<IncidentDetail>(HttpMethod.Get, $"/api/incidents/{incident}?reason={E(reason)}", null, ct);
    /// <summary><paramref name="step"/>: assignment (take), answer, information-request, resolution, closing — each with its body.</summary>
    public Task<ApiResult<IncidentStep>> IncidentStepAsync(Guid incident, string step, object body, long version, CancellationToken ct = default) =>
        SendIfMatchAsync<IncidentStep>(HttpMethod.Post, $"/api/incidents/{incident}/{step}", body, version, ct);

    // Conversations: the operators' inbox of hand-overs (Telegram, WhatsApp, e-mail…), claim, reply, close (If-Match).
    public Task<ApiResult<List<HandoverItem>>> HandoversAsync(CancellationToken ct = default) =>
        SendAsync<List<HandoverItem>>(HttpMethod.Get, "/api/messaging/operators/handovers", null, ct);
    /// <summary><paramref name="reason"/>: why the conversation is opened (the access log's reasons, e.g. citizen-request); required.</summary>
    public Task<ApiResult<HandoverDetail>> HandoverAsync(Guid handover, string reason, CancellationToken ct = default) =>
        SendAsync<HandoverDetail>(HttpMethod.Get, $"/api/messaging/operators/handovers/{handover}?reason={E(reason)}", null, ct);
    /// <summary><paramref name="step"/>: claim, replies (with <c>{ text }</c>), closing.</summary>
    public Task<ApiResult<HandoverStep>> HandoverStepAsync(Guid handover, string step, object? body, long version, CancellationToken ct = default) =>
        SendIfMatchAsync<HandoverStep>(HttpMethod.Post, $"/api/messaging/operators/handovers/{handover}/{step}", body, version, ct);

    // Kiosk fleet: each kiosk's connection and peripherals with since when, the office's assistance requests, accept / finish.
    public Task<ApiResult<OfficeFleet>> FleetAsync(string office, CancellationToken ct = default) =>
        SendAsync<OfficeFleet>(HttpMethod.Get, $"/api/kiosks/offices/{E(office)}/fleet", null, ct);
    public Task<ApiResult<List<AssistanceItem>>> AssistanceQueueAsync(string office, CancellationToken ct = default) =>
        SendAsync<List<AssistanceItem>>(HttpMethod.Get, $"/api/kiosks/offices/{E(office)}/assistance", null, ct);
    /// <summary><paramref name="step"/>: acceptance or closure.</summary>
    public Task<ApiResult<AssistanceItem>> AssistanceStepAsync(Guid request, string step, CancellationToken ct = default) =>
        SendAsync<AssistanceItem>(HttpMethod.Post, $"/api/kiosks/assistance/{request}/{step}", null, ct);

    // Phone: free slots of a procedure at an office from a day, and booking one on the citizen's behalf (channel "phone").
    public Task<ApiResult<FoundSlots>> SlotsAsync(string procedureCode, string office, DateOnly from, CancellationToken ct = default) =>
        SendAsync<FoundSlots>(HttpMethod.Get, "/api/appointments/slots" + Query(("procedureCode", procedureCode), ("officeId", office), ("from", $"{from:yyyy-MM-dd}")), null, ct);
    public Task<ApiResult<DayAppointment>> BookForCitizenAsync(Guid citizen, string procedureCode, string office, DateTimeOffset? startsAt, CancellationToken ct = default) =>
        SendAsync<DayAppointment>(HttpMethod.Post, $"/api/appointments/citizens/{citizen}/bookings", new { officeId = office, procedureCode, startsAt, channel = "phone" }, ct);

    // Citizen: the profile (identities, preferences) with its version, linking an identity, changing the preferences (If-Match).
    /// <summary><paramref name="reason"/>: why the profile is opened (the access log's reasons, e.g. citizen-request); required.</summary>
    public Task<ApiResult<Versioned<CitizenProfile>>> CitizenProfileAsync(Guid citizen, string reason, CancellationToken ct = default) =>
        GetVersionedAsync<CitizenProfile>($"/api/citizens/{citizen}?reason={E(reason)}", ct);
    /// <summary><paramref name="identity"/>: the body naming one identity, e.g. <c>{ phone = "…" }</c> (never in a URL).</summary>
    public Task<ApiResult<System.Text.Json.JsonElement>> LinkIdentityAsync(Guid citizen, object identity, long version, CancellationToken ct = default) =>
        SendIfMatchAsync<System.Text.Json.JsonElement>(HttpMethod.Post, $"/api/citizens/{citizen}/identities", identity, version, ct);
    public Task<ApiResult<System.Text.Json.JsonElement>> ChangePreferencesAsync(Guid citizen, string language, string? channel, bool electronically, long version, CancellationToken ct = default) =>
        SendIfMatchAsync<System.Text.Json.JsonElement>(HttpMethod.Put, $"/api/citizens/{citizen}/preferences",
            new { preferredLanguage = language, preferredChannel = channel, dealsElectronically = electronically }, version, ct);

    // Demand board: the analysts' forecast and staffing plan (managers needed per hour) for the on-site channels.
    public Task<ApiResult<DemandForecast>> ForecastAsync(CancellationToken ct = default) =>
        SendAsync<DemandForecast>(HttpMethod.Get, "/api/analytics/forecast?channel=point0&channel=general-line&weeksAhead=1", null, ct);

    /// <summary>A query string of the values given (empty ones left out).</summary>
    private static string Query(params (string Name, string? Value)[] parts)
    {
        var given = parts.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={E(p.Value!.Trim())}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join("&", given);
    }

    /// <summary>A read with the version its ETag gives, for the If-Match of the write that follows.</summary>
    private async Task<ApiResult<Versioned<T>>> GetVersionedAsync<T>(string path, CancellationToken ct)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var token = await tokens.AccessTokenAsync(user, ct);
        if (token is null) return new(default, new Problem(401, "Signed out.", "Your session has ended: sign in again.", [], null));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await factory.CreateClient(Name).SendAsync(request, ct);
            if (!response.IsSuccessStatusCode) return new(default, await ProblemOf(response, ct));
            var version = long.TryParse(response.Headers.ETag?.Tag.Trim('"'), out var v) ? v : 0;
            return new(new Versioned<T>((await response.Content.ReadFromJsonAsync<T>(Json, ct))!, version), null);
        }
        catch (HttpRequestException e)
        {
            return new(default, new Problem(503, "The platform cannot be reached.", e.Message, [], null));
        }
    }

    /// <summary>A write guarded by If-Match with the version the screen read: a change made meanwhile by someone else is
    /// a 412, shown as such, instead of silently overwritten.</summary>
    private async Task<ApiResult<T>> SendIfMatchAsync<T>(HttpMethod method, string path, object? body, long version, CancellationToken ct)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var token = await tokens.AccessTokenAsync(user, ct);
        if (token is null) return new(default, new Problem(401, "Signed out.", "Your session has ended: sign in again.", [], null));
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        try
        {
            using var response = await factory.CreateClient(Name).SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
                return new(response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<T>(Json, ct), null);
            return new(default, await ProblemOf(response, ct));
        }
        catch (HttpRequestException e)
        {
            return new(default, new Problem(503, "The platform cannot be reached.", e.Message, [], null));
        }
    }
}
