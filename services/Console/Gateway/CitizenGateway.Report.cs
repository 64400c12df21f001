using System.Net.Http.Headers;

namespace Omnichannel.StaffConsole.Gateway;

/// <summary>An incident category of the council's catalogue, and whether a report of it must say where.</summary>
public sealed record WebIncidentCategory(string Code, Localized Name, bool LocationRequired);

/// <summary>An open incident of the same category close to the new report (by id: its code is its reporter's).</summary>
public sealed record WebNearby(Guid IncidentId, double DistanceMeters);

public sealed record WebReported(Guid IncidentId, string Code, string Status, DateTimeOffset? FirstAnswerDueAt, List<WebNearby>? Nearby);

public sealed record WebAttached(Guid IncidentId, string Sha256, string ContentType, long Size);

public sealed record WebFollowed(Guid IncidentId, string Status);

/// <summary>Where the citizen stands in a booking window's waiting room (the appointments service's <c>Turn</c>).</summary>
public sealed record WebTurn(string State, string ProcedureCode, int? Position, int? EstimatedWaitSeconds, DateTimeOffset OpensAt,
    DateTimeOffset? AdmittedUntil, int PlacesLeft, string? Token, DateTimeOffset? TokenExpiresAt, int PollAfterSeconds, Localized? Messages,
    WebTurnAlternatives? Alternatives);

public sealed record WebTurnAlternatives(string Callback, DateOnly? NextDay);

/// <summary>The citizen web's incident report (with a photo and a place) and its booking through a waiting room.</summary>
public sealed partial class CitizenGateway
{
    public const string QueueTokenHeader = "Waiting-Room-Token";

    public Task<ApiResult<List<WebIncidentCategory>>> IncidentCategoriesAsync(CancellationToken ct = default) =>
        SendAsync<List<WebIncidentCategory>>(HttpMethod.Get, "/api/incidents/categories", null, ct);

    /// <summary>A report from the web; <paramref name="citizenId"/> null for an anonymous complaint or suggestion.</summary>
    public Task<ApiResult<WebReported>> ReportIncidentAsync(string kind, string? category, string description, Guid? citizenId,
        double? latitude, double? longitude, string? address, CancellationToken ct = default) =>
        SendAsync<WebReported>(HttpMethod.Post, "/api/incidents", new
        {
            kind, channel = Online, description, citizenId, category,
            location = latitude is null && string.IsNullOrWhiteSpace(address) ? null : new { latitude, longitude, address = string.IsNullOrWhiteSpace(address) ? null : address },
        }, ct);

    /// <summary>The photo, as the reporter (by the report's code): the incidents service checks it by its content.</summary>
    public Task<ApiResult<WebAttached>> AttachPhotoAsync(string code, Stream photo, string fileName, string? contentType, CancellationToken ct = default)
    {
        var file = new StreamContent(photo);
        file.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "file", string.IsNullOrWhiteSpace(fileName) ? "photo" : fileName } };
        return SendAsync<WebAttached>(HttpMethod.Post, $"/api/incidents/by-code/{E(code)}/attachments", form, null, ct);
    }

    public Task<ApiResult<WebFollowed>> FollowIncidentAsync(Guid incidentId, Guid citizenId, CancellationToken ct = default) =>
        SendAsync<WebFollowed>(HttpMethod.Post, $"/api/incidents/{incidentId}/followers", new { citizenId, channel = Online }, ct);

    /// <param name="device">This browser's place-holder id (no personal data): the room's per-device limit, since every
    /// citizen of the web comes as the same client.</param>
    public Task<ApiResult<WebTurn>> JoinWaitingRoomAsync(string procedureCode, Guid citizenId, string device, CancellationToken ct = default) =>
        SendAsync<WebTurn>(HttpMethod.Post, $"/api/appointments/waiting-rooms/{E(procedureCode)}/entries", new { citizenId, device }, ct);

    /// <summary>The turn, answered when it changes or after <paramref name="waitSeconds"/> (a long poll).</summary>
    public Task<ApiResult<WebTurn>> TurnAsync(string procedureCode, string token, int waitSeconds, CancellationToken ct = default) =>
        SendAsync<WebTurn>(HttpMethod.Get, $"/api/appointments/waiting-rooms/{E(procedureCode)}/turn?wait={waitSeconds}", null, Queue(token), ct);

    public Task<ApiResult<WebTurn>> LeaveWaitingRoomAsync(string procedureCode, string token, CancellationToken ct = default) =>
        SendAsync<WebTurn>(HttpMethod.Post, $"/api/appointments/waiting-rooms/{E(procedureCode)}/turn/leaving", null, Queue(token), ct);

    public Task<ApiResult<WebSlots>> SlotsAsync(string procedureCode, string officeId, DateOnly from, DateOnly to, string? queueToken, CancellationToken ct = default) =>
        SendAsync<WebSlots>(HttpMethod.Get, $"/api/appointments/slots?procedureCode={E(procedureCode)}&officeId={E(officeId)}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}",
            null, Queue(queueToken), ct);

    public Task<ApiResult<WebAppointment>> BookAsync(Guid citizenId, string officeId, string procedureCode, DateTimeOffset startsAt, string? queueToken, CancellationToken ct = default) =>
        SendAsync<WebAppointment>(HttpMethod.Post, $"/api/appointments/citizens/{citizenId}/bookings",
            System.Net.Http.Json.JsonContent.Create(new { officeId, procedureCode, startsAt, channel = Online }, options: Json), Queue(queueToken), ct);

    private static Dictionary<string, string>? Queue(string? token) => token is null ? null : new() { [QueueTokenHeader] = token };
}

/// <summary>An alert topic a citizen may join from their own chat, with the words to send (messaging's open topics).</summary>
public sealed record WebAlertTopic(string Code, Localized Names, Localized Descriptions, Localized Join, Localized Leave, string StopAll);

public sealed partial class CitizenGateway
{
    public Task<ApiResult<List<WebAlertTopic>>> AlertTopicsAsync(CancellationToken ct = default) =>
        SendAsync<List<WebAlertTopic>>(HttpMethod.Get, "/api/messaging/alert-topics", null, ct);
}
