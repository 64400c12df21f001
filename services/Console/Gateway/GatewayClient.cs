using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Omnichannel.StaffConsole.Session;

namespace Omnichannel.StaffConsole.Gateway;

/// <summary>
/// The one place the console calls the platform: the gateway's HTTP API, like any channel front-end, with the signed-in
/// member of staff's access token (from <see cref="StaffTokens"/>, never from the browser). Every answer is either the
/// value or the problem the service wrote, so a screen can show an error next to the field it names.
/// </summary>
public sealed partial class GatewayClient(IHttpClientFactory factory, AuthenticationStateProvider authentication, StaffTokens tokens)
{
    public const string Name = "gateway";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Queues: offices, desks, tickets, the demand board.
    public Task<ApiResult<List<QueueOffice>>> QueueOfficesAsync(CancellationToken ct = default) => SendAsync<List<QueueOffice>>(HttpMethod.Get, "/api/queues/offices", null, ct);
    public Task<ApiResult<DemandBoard>> BoardAsync(string office, CancellationToken ct = default) => SendAsync<DemandBoard>(HttpMethod.Get, $"/api/queues/offices/{E(office)}/board", null, ct);
    public Task<ApiResult<Desk>> OpenDeskAsync(string office, string desk, IReadOnlyList<string> lines, CancellationToken ct = default) =>
        SendAsync<Desk>(HttpMethod.Put, $"/api/queues/offices/{E(office)}/desks/{E(desk)}", new { lines }, ct);
    public Task<ApiResult<Desk>> CloseDeskAsync(string office, string desk, CancellationToken ct = default) =>
        SendAsync<Desk>(HttpMethod.Delete, $"/api/queues/offices/{E(office)}/desks/{E(desk)}", null, ct);
    /// <summary><paramref name="action"/>: call-next, recall, no-show, start, complete.</summary>
    public Task<ApiResult<Desk>> DeskActionAsync(string office, string desk, string action, CancellationToken ct = default) =>
        SendAsync<Desk>(HttpMethod.Post, $"/api/queues/offices/{E(office)}/desks/{E(desk)}/{action}", null, ct);
    public Task<ApiResult<Desk>> TransferAsync(string office, string desk, string? toLine, string? toDeskId, CancellationToken ct = default) =>
        SendAsync<Desk>(HttpMethod.Post, $"/api/queues/offices/{E(office)}/desks/{E(desk)}/transfer", new { toLine, toDeskId }, ct);
    public Task<ApiResult<Ticket>> IssueTicketAsync(string office, string procedureCode, Guid? citizenId, bool priority, CancellationToken ct = default) =>
        SendAsync<Ticket>(HttpMethod.Post, $"/api/queues/offices/{E(office)}/tickets", new { procedureCode, channel = "on-site", citizenId, priority }, ct);
    public Task<ApiResult<Ticket>> TicketAsync(string office, string number, CancellationToken ct = default) =>
        SendAsync<Ticket>(HttpMethod.Get, $"/api/queues/offices/{E(office)}/tickets/{E(number)}", null, ct);

    // Procedures: the catalogue (any language) and cases.
    public Task<ApiResult<ProcedurePage>> ProceduresAsync(string text, CancellationToken ct = default) =>
        SendAsync<ProcedurePage>(HttpMethod.Get, $"/api/procedures?text={E(text)}&pageSize=20", null, ct);
    public Task<ApiResult<SubmittedCase>> SubmitCaseAsync(string procedureCode, Guid citizenId, string channel, string? summary, CancellationToken ct = default) =>
        SendAsync<SubmittedCase>(HttpMethod.Post, "/api/procedures/cases", new { procedureCode, citizenId, channel, summary }, ct);

    // Citizens: identities only in request bodies, never in a URL.
    public Task<ApiResult<CitizenFound>> FindCitizenAsync(string kind, string value, CancellationToken ct = default) =>
        SendAsync<CitizenFound>(HttpMethod.Post, "/api/citizens/lookup", new { kind, value }, ct);
    public Task<ApiResult<Registered>> RegisterCitizenAsync(string language, string channel, string? phone, string? email, CancellationToken ct = default) =>
        SendAsync<Registered>(HttpMethod.Post, "/api/citizens", new { preferredLanguage = language, channel, phone, email }, ct);
    /// <summary><paramref name="reason"/>: why the member of staff opens it (the access log's reasons, e.g. citizen-request); required.</summary>
    public Task<ApiResult<HistoryPage>> HistoryAsync(Guid citizen, string language, string reason, CancellationToken ct = default) =>
        SendAsync<HistoryPage>(HttpMethod.Get, $"/api/citizens/{citizen}/history?lang={E(language)}&pageSize=20&reason={E(reason)}", null, ct);

    // Appointments: callbacks and office closures.
    public Task<ApiResult<List<Callback>>> CallbacksAsync(DateOnly? day, CancellationToken ct = default) =>
        SendAsync<List<Callback>>(HttpMethod.Get, day is { } d ? $"/api/appointments/callbacks?date={d:yyyy-MM-dd}" : "/api/appointments/callbacks", null, ct);
    public Task<ApiResult<JsonElement>> CallbackOutcomeAsync(Guid callback, string outcome, string? note, CancellationToken ct = default) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"/api/appointments/callbacks/{callback}/outcome", new { outcome, note }, ct);
    public Task<ApiResult<DeclaredClosure>> DeclareClosureAsync(string office, DateOnly? date, string? reason, CancellationToken ct = default) =>
        SendAsync<DeclaredClosure>(HttpMethod.Post, $"/api/appointments/offices/{E(office)}/closures", new { date, reason }, ct);

    private static string E(string value) => Uri.EscapeDataString(value);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var token = await tokens.AccessTokenAsync(user, ct);
        if (token is null) return new(default, new Problem(401, "Signed out.", "Your session has ended: sign in again.", [], null));

        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        HttpResponseMessage response;
        try
        {
            response = await factory.CreateClient(Name).SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            return new(default, new Problem(503, "The platform cannot be reached.", e.Message, [], null));
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
                return new(response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<T>(Json, ct), null);
            return new(default, await ProblemOf(response, ct));
        }
    }

    private static async Task<Problem> ProblemOf(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = document.RootElement;
            var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                foreach (var field in fields.EnumerateObject())
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Select(m => m.ToString()).ToArray() : [field.Value.ToString()];
            return new Problem(status, Text(root, "title"), Text(root, "detail"), errors, Text(root, "reason"));
        }
        catch (JsonException)
        {
            return new Problem(status, response.ReasonPhrase, null, [], null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
