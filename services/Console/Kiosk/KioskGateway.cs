using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.StaffConsole.Gateway;

namespace Omnichannel.StaffConsole.Kiosk;

/// <summary>The kiosk screen's one way to the platform: the gateway's HTTP API with the kiosk's own token (never a
/// member of staff's). A kiosk token reaches only <c>/api/kiosks/…</c>, and there only its own kiosk and office, so
/// tickets and help go through the kiosks service's session routes (which forward to queues over gRPC).</summary>
public sealed partial class KioskGateway(IHttpClientFactory factory, KioskDevices devices)
{
    public const string Name = "kiosk-gateway";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The language the kiosk's citizen picked: the services write their errors in it (Accept-Language).</summary>
    public string? Language { get; set; }

    public Task<ApiResult<KioskInfo>> KioskAsync(KioskDeviceKey key, string kioskId, CancellationToken ct = default) =>
        SendAsync<KioskInfo>(key, HttpMethod.Get, $"/api/kiosks/{E(kioskId)}", null, ct);
    public Task<ApiResult<KioskMenuReply>> MenuAsync(KioskDeviceKey key, string kioskId, CancellationToken ct = default) =>
        SendAsync<KioskMenuReply>(key, HttpMethod.Get, $"/api/kiosks/{E(kioskId)}/menu", null, ct);
    public Task<ApiResult<JsonElement>> HeartbeatAsync(KioskDeviceKey key, string kioskId, DateTimeOffset sentAt, string version, Dictionary<string, string> peripherals, CancellationToken ct = default) =>
        SendAsync<JsonElement>(key, HttpMethod.Post, $"/api/kiosks/{E(kioskId)}/heartbeats", new { sentAt, softwareVersion = version, peripherals }, ct);
    public Task<ApiResult<StartedKioskSession>> StartSessionAsync(KioskDeviceKey key, string kioskId, CancellationToken ct = default) =>
        SendAsync<StartedKioskSession>(key, HttpMethod.Post, $"/api/kiosks/{E(kioskId)}/sessions", new { identification = "anonymous" }, ct);
    public Task<ApiResult<KioskPrivacyState>> PrivacyStateAsync(KioskDeviceKey key, string kioskId, CancellationToken ct = default) =>
        SendAsync<KioskPrivacyState>(key, HttpMethod.Get, $"/api/kiosks/{E(kioskId)}/sessions/state", null, ct);
    public Task<ApiResult<JsonElement>> RecordActionAsync(KioskDeviceKey key, string kioskId, Guid session, string action, string? reference, CancellationToken ct = default) =>
        SendAsync<JsonElement>(key, HttpMethod.Post, $"/api/kiosks/{E(kioskId)}/sessions/{session}/actions", new { action, reference }, ct);
    public Task<ApiResult<KioskTicket>> TakeTicketAsync(KioskDeviceKey key, string kioskId, Guid session, string procedureCode, CancellationToken ct = default) =>
        SendAsync<KioskTicket>(key, HttpMethod.Post, $"/api/kiosks/{E(kioskId)}/sessions/{session}/tickets", new { procedureCode }, ct);
    public Task<ApiResult<KioskHelpRequest>> RequestHelpAsync(KioskDeviceKey key, string kioskId, Guid session, string mode, CancellationToken ct = default) =>
        SendAsync<KioskHelpRequest>(key, HttpMethod.Post, $"/api/kiosks/{E(kioskId)}/sessions/{session}/help-requests", new { mode }, ct);
    public Task<ApiResult<KioskHelpRequest>> HelpRequestAsync(KioskDeviceKey key, string kioskId, Guid request, CancellationToken ct = default) =>
        SendAsync<KioskHelpRequest>(key, HttpMethod.Get, $"/api/kiosks/{E(kioskId)}/help-requests/{request}", null, ct);
    public Task<ApiResult<KioskCodeStatus>> LookUpAsync(KioskDeviceKey key, string kioskId, Guid session, string code, CancellationToken ct = default) =>
        SendAsync<KioskCodeStatus>(key, HttpMethod.Post, $"/api/kiosks/{E(kioskId)}/sessions/{session}/lookups", new { code }, ct);
    public Task<ApiResult<KioskIdentified>> IdentifyAsync(KioskDeviceKey key, string kioskId, Guid session, string nationalId, CancellationToken ct = default) =>
        SendAsync<KioskIdentified>(key, HttpMethod.Post, $"/api/kiosks/{E(kioskId)}/sessions/{session}/identification", new { identification = "id-card", nationalId }, ct);
    /// <summary>A person the citizens service did not know registers with the minimum (all in the body: nothing personal in
    /// the URL), with the version of the consent text the screen showed them, in <paramref name="language"/>.</summary>
    public Task<ApiResult<KioskIdentified>> RegisterAsync(KioskDeviceKey key, string kioskId, Guid session, string nationalId, string name, string? phone, string? email,
        bool consent, string language, CancellationToken ct = default) =>
        SendAsync<KioskIdentified>(key, HttpMethod.Post, $"/api/kiosks/{E(kioskId)}/sessions/{session}/registration",
            new { identification = "id-card", nationalId, name, phone, email, consent, language, consentVersion = Omnichannel.Contracts.ConsentTexts.InPersonRegistration.Version }, ct);
    public Task<ApiResult<KioskBookableProcedures>> AppointmentProceduresAsync(KioskDeviceKey key, string kioskId, CancellationToken ct = default) =>
        SendAsync<KioskBookableProcedures>(key, HttpMethod.Get, $"/api/kiosks/{E(kioskId)}/appointment-procedures", null, ct);
    public Task<ApiResult<KioskAppointmentOffices>> AppointmentOfficesAsync(KioskDeviceKey key, string kioskId, string procedureCode, CancellationToken ct = default) =>
        SendAsync<KioskAppointmentOffices>(key, HttpMethod.Get, $"/api/kiosks/{E(kioskId)}/appointment-offices?procedureCode={E(procedureCode)}", null, ct);
    public Task<ApiResult<KioskSlots>> AppointmentSlotsAsync(KioskDeviceKey key, string kioskId, string procedureCode, string officeId, CancellationToken ct = default) =>
        SendAsync<KioskSlots>(key, HttpMethod.Get, $"/api/kiosks/{E(kioskId)}/appointment-slots?procedureCode={E(procedureCode)}&officeId={E(officeId)}", null, ct);
    public Task<ApiResult<KioskAppointment>> BookAsync(KioskDeviceKey key, string kioskId, Guid session, string procedureCode, string officeId, DateTimeOffset startsAt, CancellationToken ct = default) =>
        SendAsync<KioskAppointment>(key, HttpMethod.Post, $"/api/kiosks/{E(kioskId)}/sessions/{session}/appointments", new { procedureCode, officeId, startsAt }, ct);
    public Task<ApiResult<KioskAppointment>> MoveAsync(KioskDeviceKey key, string kioskId, Guid session, string code, DateTimeOffset startsAt, CancellationToken ct = default) =>
        SendAsync<KioskAppointment>(key, HttpMethod.Post, $"/api/kiosks/{E(kioskId)}/sessions/{session}/appointment-moves", new { code, startsAt }, ct);
    public Task<ApiResult<KioskAppointment>> CancelAsync(KioskDeviceKey key, string kioskId, Guid session, string code, CancellationToken ct = default) =>
        SendAsync<KioskAppointment>(key, HttpMethod.Post, $"/api/kiosks/{E(kioskId)}/sessions/{session}/appointment-cancellations", new { code }, ct);
    public Task<ApiResult<JsonElement>> EndSessionAsync(KioskDeviceKey key, string kioskId, Guid session, CancellationToken ct = default) =>
        SendAsync<JsonElement>(key, HttpMethod.Post, $"/api/kiosks/{E(kioskId)}/sessions/{session}/end", null, ct);
    public Task<ApiResult<JsonElement>> AcknowledgeWipeAsync(KioskDeviceKey key, string kioskId, Guid session, CancellationToken ct = default) =>
        SendAsync<JsonElement>(key, HttpMethod.Post, $"/api/kiosks/{E(kioskId)}/sessions/{session}/wipe-acknowledgement", null, ct);

    private static string E(string value) => Uri.EscapeDataString(value);

    private async Task<ApiResult<T>> SendAsync<T>(KioskDeviceKey key, HttpMethod method, string path, object? body, CancellationToken ct)
    {
        try
        {
            var token = await devices.AccessTokenAsync(key, ct);
            if (token is null) return new(default, new Problem(401, "Kiosk not set up.", "The kiosk's credential was refused: set it up again.", [], null));
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (Language is { } language) request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
            if (body is not null) request.Content = JsonContent.Create(body, options: Json);
            using var response = await factory.CreateClient(Name).SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
                return new(response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<T>(Json, ct), null);
            return new(default, await GatewayClient.ReadProblemAsync(response, ct));
        }
        catch (HttpRequestException e)
        {
            return new(default, new Problem(503, "The platform cannot be reached.", e.Message, [], null));
        }
    }
}

public sealed record KioskInfo(string KioskId, string OfficeId, string Location, List<string> Peripherals, bool Revoked);
public sealed record KioskMenuText(string Ca, string Es, string En)
{
    public string In(string language) => language switch { "es" => Es, "en" => En, _ => Ca };
}
public sealed record KioskMenuEntry(int Position, string ProcedureCode, string Category, KioskMenuText Name, bool NeedsPrinter);
public sealed record KioskMenuReply(string KioskId, int Version, KioskMenuText Title, bool CanPrint, List<KioskMenuEntry> Items);
public sealed record StartedKioskSession(Guid SessionId);
public sealed record KioskPrivacyState(Guid? OpenSessionId, Guid? WipeSessionId, bool OutOfService);
public sealed record KioskTicket(string Number, string OfficeId, string Day, string Line, string ProcedureCode, int Ahead, int? ExpectedWaitMinutes, DateTimeOffset IssuedAt);
public sealed record KioskHelpRequest(Guid RequestId, string Mode, string Status, bool AssistantCalled, string? RoomUrl);
public sealed record KioskCodeStatus(string Kind, string Code, string Status, string? ProcedureCode, KioskMenuText? ProcedureName, string? OfficeId,
    DateTimeOffset? StartsAt, DateTimeOffset? UpdatedAt);
public sealed record KioskIdentified(Guid SessionId, string Identification, bool Identified);
public sealed record KioskBookableProcedure(string Code, string Category, KioskMenuText Name);
public sealed record KioskBookableProcedures(List<KioskBookableProcedure> Items);
public sealed record KioskAppointmentOffice(string OfficeId, KioskMenuText Name, bool Own, DateTimeOffset FirstFree, int FreeSlots);
public sealed record KioskAppointmentOffices(string ProcedureCode, List<KioskAppointmentOffice> Items);
public sealed record KioskSlot(DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Free);
public sealed record KioskSlots(string OfficeId, string ProcedureCode, int SlotMinutes, List<KioskSlot> Slots);
public sealed record KioskAppointment(string Code, string OfficeId, string ProcedureCode, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status);
