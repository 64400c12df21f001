using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.StaffConsole.Web;

namespace Omnichannel.StaffConsole.Gateway;

/// <summary>
/// The citizen web's calls to the platform: the gateway's HTTP API as the council's channel app (<see cref="CitizenChannel"/>),
/// never with a member of staff's token — the citizen has no account. Only what a channel may do: the catalogue, offices
/// and slots, booking for a citizen found or registered by the phone they type, an appointment by its code (to move or
/// cancel it), tracking by code, callbacks. Identities go in request bodies, never in a URL.
/// </summary>
public sealed class CitizenGateway(IHttpClientFactory factory, CitizenChannel channel)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string Online = "online";

    public Task<ApiResult<WebProcedurePage>> ProceduresAsync(string text, CancellationToken ct = default) =>
        SendAsync<WebProcedurePage>(HttpMethod.Get, $"/api/procedures?text={E(text)}&pageSize=20", null, ct);
    public Task<ApiResult<WebProcedure>> ProcedureAsync(string code, CancellationToken ct = default) =>
        SendAsync<WebProcedure>(HttpMethod.Get, $"/api/procedures/{E(code)}", null, ct);

    public Task<ApiResult<List<WebOffice>>> OfficesAsync(CancellationToken ct = default) =>
        SendAsync<List<WebOffice>>(HttpMethod.Get, "/api/appointments/offices", null, ct);
    public Task<ApiResult<WebSlots>> SlotsAsync(string procedureCode, string officeId, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        SendAsync<WebSlots>(HttpMethod.Get, $"/api/appointments/slots?procedureCode={E(procedureCode)}&officeId={E(officeId)}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", null, ct);

    /// <summary>The citizen behind a phone number: the one the platform knows, else a new one registered from the web.</summary>
    public async Task<ApiResult<Guid>> CitizenByPhoneAsync(string phone, string language, CancellationToken ct = default)
    {
        var found = await SendAsync<CitizenFound>(HttpMethod.Post, "/api/citizens/lookup", new { kind = "phone", value = phone }, ct);
        if (found.Ok) return new(found.Value!.CitizenId, null);
        if (found.Problem!.Status != 404) return new(default, Renamed(found.Problem, "value", "phone"));
        var registered = await SendAsync<Registered>(HttpMethod.Post, "/api/citizens", new { preferredLanguage = language, channel = Online, phone }, ct);
        return registered.Ok ? new(registered.Value!.CitizenId, null) : new(default, registered.Problem);
    }

    public Task<ApiResult<WebAppointment>> BookAsync(Guid citizenId, string officeId, string procedureCode, DateTimeOffset startsAt, CancellationToken ct = default) =>
        SendAsync<WebAppointment>(HttpMethod.Post, $"/api/appointments/citizens/{citizenId}/bookings", new { officeId, procedureCode, startsAt, channel = Online }, ct);
    public Task<ApiResult<WebAppointment>> AppointmentByCodeAsync(string code, CancellationToken ct = default) =>
        SendAsync<WebAppointment>(HttpMethod.Get, $"/api/appointments/by-code/{E(code)}", null, ct);
    public Task<ApiResult<WebAppointment>> CancelAsync(Guid appointmentId, CancellationToken ct = default) =>
        SendAsync<WebAppointment>(HttpMethod.Post, $"/api/appointments/{appointmentId}/cancellation", new { reason = "citizen-web", channel = Online }, ct);
    public Task<ApiResult<WebAppointment>> RescheduleAsync(Guid appointmentId, DateTimeOffset startsAt, CancellationToken ct = default) =>
        SendAsync<WebAppointment>(HttpMethod.Post, $"/api/appointments/{appointmentId}/reschedule", new { startsAt, channel = Online }, ct);
    public Task<ApiResult<WebCalendarLink>> CalendarLinkAsync(Guid appointmentId, string language, CancellationToken ct = default) =>
        SendAsync<WebCalendarLink>(HttpMethod.Get, $"/api/appointments/{appointmentId}/calendar-link?lang={E(language)}", null, ct);

    public Task<ApiResult<WebCase>> CaseByCodeAsync(string code, CancellationToken ct = default) =>
        SendAsync<WebCase>(HttpMethod.Get, $"/api/procedures/cases/by-code/{E(code)}", null, ct);
    public Task<ApiResult<WebIncident>> IncidentByCodeAsync(string code, CancellationToken ct = default) =>
        SendAsync<WebIncident>(HttpMethod.Get, $"/api/incidents/by-code/{E(code)}", null, ct);

    public Task<ApiResult<WebCallback>> CallbackAsync(Guid citizenId, string phone, DateTimeOffset callAt, string? procedureCode, string? topic, CancellationToken ct = default) =>
        SendAsync<WebCallback>(HttpMethod.Post, "/api/appointments/callbacks", new { citizenId, phone, callAt, procedureCode, topic, channel = Online }, ct);

    private static string E(string value) => Uri.EscapeDataString(value);

    /// <summary>The lookup names its field "value"; the citizen typed it in the "phone" field.</summary>
    private static Problem Renamed(Problem problem, string from, string to) =>
        problem with { Errors = problem.Errors.ToDictionary(e => string.Equals(e.Key, from, StringComparison.OrdinalIgnoreCase) ? to : e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase) };

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await channel.TokenAsync(ct));
            if (body is not null) request.Content = JsonContent.Create(body, options: Json);
            using var response = await factory.CreateClient(GatewayClient.Name).SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
                return new(response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<T>(Json, ct), null);
            return new(default, await GatewayClient.ReadProblemAsync(response, ct));
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new(default, new Problem(503, "The platform cannot be reached.", null, [], null));
        }
    }
}
