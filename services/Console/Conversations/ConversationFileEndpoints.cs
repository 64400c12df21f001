using System.Net.Http.Headers;
using Omnichannel.StaffConsole.Gateway;
using Omnichannel.StaffConsole.Session;

namespace Omnichannel.StaffConsole.Conversations;

/// <summary>
/// A file a citizen sent in a conversation (a chat's photo, video or document; an e-mail's attachment), downloaded
/// through the console: the browser follows a plain link to <c>/conversations/{handoverId}/files/{sha256}</c>, and the
/// console fetches it from messaging with the member of staff's own token (kept on the server, never in the browser)
/// and the reason the conversations panel opens conversations for, so the read is in messaging's access log like the
/// panel's own. Nothing of the file is kept here.
/// </summary>
public static class ConversationFileEndpoints
{
    /// <summary>Why an operator opens a citizen's file from the conversations panel (the access log's reason).</summary>
    public const string Reason = "citizen-request";

    /// <summary>The link the panel shows (relative to the console's base).</summary>
    public static string Link(Guid handoverId, string sha256) => $"conversations/{handoverId}/files/{Uri.EscapeDataString(sha256)}";

    public static void Map(WebApplication app) =>
        app.MapGet("/conversations/{handoverId:guid}/files/{sha256}", DownloadAsync)
            .RequireAuthorization(PanelsPolicies.ConversationsPolicy)
            .ExcludeFromDescription();

    private static async Task DownloadAsync(Guid handoverId, string sha256, HttpContext http, StaffTokens tokens, IHttpClientFactory factory)
    {
        var ct = http.RequestAborted;
        // Only a hash goes on to the API: anything else is refused here, before a call.
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var token = await tokens.AccessTokenAsync(http.User, ct);
        if (token is null)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/api/messaging/operators/handovers/{handoverId}/attachments/{sha256}?reason={Uri.EscapeDataString(Reason)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage upstream;
        try
        {
            upstream = await factory.CreateClient(GatewayClient.Name).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        using (upstream)
        {
            // The API's own status (404 for a file the conversation does not name, 403 for a role that may not) stands.
            http.Response.StatusCode = (int)upstream.StatusCode;
            if (!upstream.IsSuccessStatusCode) return;
            http.Response.ContentType = upstream.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            var name = upstream.Content.Headers.ContentDisposition?.FileNameStar ?? upstream.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? sha256[..12];
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name }.ToString();
            // A citizen's file is not for any cache on the way.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            await upstream.Content.CopyToAsync(http.Response.Body, ct);
        }
    }
}
