using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Omnichannel.Testing.Fakes;

/// <summary>
/// The WhatsApp Cloud API's messages endpoint as documented (POST <c>/{version}/{phone-number-id}/messages</c> with a
/// bearer token and <c>{"messaging_product":"whatsapp","to":…,"type":"text","text":{"body":…}}</c>) over HTTP on
/// loopback: it answers <c>{"messaging_product":"whatsapp","contacts":[…],"messages":[{"id":"wamid.…"}]}</c>, or the
/// Graph error body (<c>{"error":{"message","type","code","fbtrace_id"}}</c>) for a wrong token (190) or a number told
/// to be outside the 24-hour window (131047). Template messages (<c>"type":"template"</c>) are taken when the template
/// was approved (<see cref="ApproveTemplate"/>; else 132001). With <see cref="EnforceWindow"/> the fake keeps the
/// customer-service window as Meta does: free text to a number that has not written within 24 hours (by the clock
/// given) is refused with 131047 "Re-engagement message"; templates go through.
/// </summary>
public sealed class FakeWhatsAppGraphApi : IAsyncDisposable
{
    public const string Version = "v23.0";

    /// <param name="Text">The body (a template's: its body parameters, joined by a space).</param>
    /// <param name="Template">The template's name, for a template message.</param>
    /// <param name="Type">The message's type: text, template, interactive (Text is its body) or location (Text is the place's name).</param>
    /// <param name="Body">The request body exactly as the client sent it.</param>
    public sealed record Sent(string PhoneNumberId, string To, string Text, string MessageId, string? Template = null, string? TemplateLanguage = null, DateTimeOffset At = default,
        string Type = "text", string? Body = null);

    /// <summary>An image or document message naming a media id uploaded before, with that upload's bytes.</summary>
    public sealed record SentMedia(string PhoneNumberId, string To, string Type, string? Caption, string? FileName, string MimeType, byte[] Content, string MessageId);

    private sealed record Uploaded(string PhoneNumberId, string MimeType, string FileName, byte[] Content);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Sent> sent = new();
    private readonly ConcurrentQueue<SentMedia> media = new();
    private readonly ConcurrentDictionary<string, Uploaded> uploads = new();
    private readonly ConcurrentDictionary<string, (byte[] Content, string MimeType)> received = new();
    private readonly string root;
    private readonly ConcurrentDictionary<string, bool> outsideWindow = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> lastInbound = new();
    private readonly ConcurrentDictionary<string, bool> templates = new();
    private Func<DateTimeOffset>? windowClock;
    private readonly string accessToken;

    public FakeWhatsAppGraphApi(string accessToken)
    {
        this.accessToken = accessToken;
        var port = LoopbackPorts.Free();
        root = $"http://127.0.0.1:{port}";
        BaseUrl = $"{root}/{Version}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(root);
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost($"/{Version}/{{phoneNumberId}}/messages", Handle);
        app.MapPost($"/{Version}/{{phoneNumberId}}/media", UploadAsync);
        app.MapGet($"/{Version}/{{mediaId}}", MediaUrl);
        app.MapGet("/whatsapp_business/attachments/{mediaId}", DownloadMedia);
        app.StartAsync().GetAwaiter().GetResult();
    }

    /// <summary>The Graph base URL with its version, as the service is configured with it.</summary>
    public string BaseUrl { get; }

    public IReadOnlyList<Sent> Messages => [.. sent];

    /// <summary>A photo a citizen sent (its media id is in the notification): the media URL retrieval answers it.</summary>
    public void AddReceivedMedia(string mediaId, byte[] content, string mimeType) => received[mediaId] = (content, mimeType);

    /// <summary>The image and document messages sent, with the bytes uploaded for them.</summary>
    public IReadOnlyList<SentMedia> MediaMessages => [.. media];

    public void OutsideWindow(string waId) => outsideWindow[waId] = true;

    /// <summary>Keeps the 24-hour customer-service window by <paramref name="now"/>: free text only to numbers that wrote within it.</summary>
    public void EnforceWindow(Func<DateTimeOffset> now) => windowClock = now;

    /// <summary>The customer wrote to the business number at <paramref name="at"/> (the webhook Meta would have sent).</summary>
    public void CustomerWrote(string waId, DateTimeOffset at) => lastInbound.AddOrUpdate(waId, at, (_, known) => at > known ? at : known);

    /// <summary>A template approved in WhatsApp Manager, in the given language codes.</summary>
    public void ApproveTemplate(string name, params string[] languages)
    {
        foreach (var language in languages) templates[$"{name}/{language}"] = true;
    }

    private bool InsideWindow(string to) =>
        !outsideWindow.ContainsKey(to)
        && (windowClock is not { } now || (lastInbound.TryGetValue(to, out var at) && now() - at < TimeSpan.FromHours(24)));

    private async Task<IResult> Handle(string phoneNumberId, HttpRequest request)
    {
        if (request.Headers.Authorization.FirstOrDefault() != $"Bearer {accessToken}")
            return Error(401, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190);
        var raw = await new StreamReader(request.Body).ReadToEndAsync();
        JsonNode? body;
        try { body = JsonNode.Parse(raw); }
        catch (System.Text.Json.JsonException) { return Error(400, "(#100) Invalid parameter", "OAuthException", 100); }
        var to = body?["to"]?.GetValue<string>();
        var type = body?["type"]?.GetValue<string>() ?? "text";
        if (type is "image" or "document" && to is not null && body?["messaging_product"]?.GetValue<string>() == "whatsapp")
            return SendMedia(phoneNumberId, to, body!);
        if (body?["messaging_product"]?.GetValue<string>() != "whatsapp" || to is null)
            return Error(400, "(#100) Invalid parameter", "OAuthException", 100);

        string text;
        string? templateName = null, templateLanguage = null;
        if (type == "template")
        {
            templateName = body!["template"]?["name"]?.GetValue<string>();
            templateLanguage = body["template"]?["language"]?["code"]?.GetValue<string>();
            if (templateName is null || templateLanguage is null) return Error(400, "(#100) Invalid parameter", "OAuthException", 100);
            if (!templates.ContainsKey($"{templateName}/{templateLanguage}"))
                return Error(404, "(#132001) Template name does not exist in the translation", "OAuthException", 132001);
            var parameters = body["template"]?["components"]?.AsArray()
                .Where(c => c?["type"]?.GetValue<string>() == "body")
                .SelectMany(c => c?["parameters"]?.AsArray() ?? [])
                .Select(p => p?["text"]?.GetValue<string>() ?? "") ?? [];
            text = string.Join(' ', parameters);
        }
        else if (type is "interactive" or "location")
        {
            var problem = type == "interactive" ? InteractiveError(body!["interactive"]) : LocationError(body!["location"]);
            if (problem is not null)
                return Error(400, "(#131009) Parameter value is not valid", "OAuthException", 131009, new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = problem });
            if (!InsideWindow(to)) return Error(400, "(#131047) Re-engagement message", "OAuthException", 131047);
            text = type == "interactive" ? body["interactive"]!["body"]!["text"]!.GetValue<string>() : body["location"]?["name"]?.GetValue<string>() ?? "";
        }
        else
        {
            var free = body!["text"]?["body"]?.GetValue<string>();
            if (type != "text" || free is null) return Error(400, "(#100) Invalid parameter", "OAuthException", 100);
            if (!InsideWindow(to))
                return Error(400, "(#131047) Re-engagement message", "OAuthException", 131047, new JsonObject
                {
                    ["messaging_product"] = "whatsapp",
                    ["details"] = "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
                });
            text = free;
        }

        var id = $"wamid.{Guid.NewGuid():N}";
        sent.Enqueue(new Sent(phoneNumberId, to, text, id, templateName, templateLanguage, DateTimeOffset.UtcNow, type, raw));
        return Results.Json(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = id }),
        });
    }

    /// <summary>POST /{phone-number-id}/media: multipart/form-data with messaging_product=whatsapp, the file's type and
    /// the file; answers <c>{"id":…}</c>, the id a message then names.</summary>
    private async Task<IResult> UploadAsync(string phoneNumberId, HttpRequest request)
    {
        if (request.Headers.Authorization.FirstOrDefault() != $"Bearer {accessToken}")
            return Error(401, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190);
        if (!request.HasFormContentType) return Error(400, "(#100) Invalid parameter", "OAuthException", 100);
        var form = await request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        if (form["messaging_product"] != "whatsapp" || file is null || file.Length == 0 || string.IsNullOrEmpty(form["type"]))
            return Error(400, "(#100) The parameter messaging_product, type and file are required.", "OAuthException", 100);
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content);
        var id = Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        uploads[id] = new Uploaded(phoneNumberId, form["type"]!, file.FileName, content);
        return Results.Json(new JsonObject { ["id"] = id });
    }

    /// <summary>GET /{media-id} (bearer): the media's short-lived URL, type, hash and size; an unknown id is the Graph 100 error.</summary>
    private IResult MediaUrl(string mediaId, HttpRequest request)
    {
        if (request.Headers.Authorization.FirstOrDefault() != $"Bearer {accessToken}")
            return Error(401, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190);
        if (!received.TryGetValue(mediaId, out var media))
            return Error(400, $"(#100) Unsupported get request. Object with ID '{mediaId}' does not exist", "GraphMethodException", 100);
        return Results.Json(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["url"] = $"{root}/whatsapp_business/attachments/{mediaId}?ext=1&hash=AbCd",
            ["mime_type"] = media.MimeType,
            ["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(media.Content)),
            ["file_size"] = media.Content.Length,
            ["id"] = mediaId,
        });
    }

    /// <summary>The media URL itself: the bytes, only with the access token (as Meta's lookaside URL).</summary>
    private IResult DownloadMedia(string mediaId, HttpRequest request)
    {
        if (request.Headers.Authorization.FirstOrDefault() != $"Bearer {accessToken}") return Results.StatusCode(401);
        return received.TryGetValue(mediaId, out var media) ? Results.Bytes(media.Content, media.MimeType) : Results.NotFound();
    }

    private IResult SendMedia(string phoneNumberId, string to, JsonNode body)
    {
        var type = body["type"]!.GetValue<string>();
        var part = body[type];
        var mediaId = part?["id"]?.GetValue<string>();
        if (mediaId is null || !uploads.TryGetValue(mediaId, out var upload) || upload.PhoneNumberId != phoneNumberId)
            return Error(400, "(#131053) Media upload error", "OAuthException", 131053);
        if (!InsideWindow(to)) return Error(400, "(#131047) Re-engagement message", "OAuthException", 131047);
        var id = $"wamid.{Guid.NewGuid():N}";
        media.Enqueue(new SentMedia(phoneNumberId, to, type, part?["caption"]?.GetValue<string>(), part?["filename"]?.GetValue<string>(), upload.MimeType, upload.Content, id));
        return Results.Json(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = id }),
        });
    }

    /// <summary>An interactive message as the Cloud API checks it: a body of 1 to 1024 characters (4096 for a list);
    /// "button" with 1 to 3 reply buttons (id 1–256 characters, title 1–20, titles unique); "cta_url" with a display_text
    /// of 1 to 20 and an absolute URL; "list" (interactive-list-messages) with an optional text header and footer of up to
    /// 60, a button of 1 to 20, 1 to 10 sections (a title of up to 24, required when there are several) holding 1 to 10
    /// rows in all (id 1–200 characters and unique, title 1–24, description up to 72). The reason, as Meta's error_data
    /// details say it, or null when it is valid.</summary>
    private static string? InteractiveError(JsonNode? interactive)
    {
        var kind = interactive?["type"]?.GetValue<string>();
        var body = interactive?["body"]?["text"]?.GetValue<string>();
        var maxBody = kind == "list" ? 4096 : 1024;
        if (string.IsNullOrEmpty(body) || body.Length > maxBody) return $"Param interactive['body']['text'] must be between 1 and {maxBody} characters long.";
        var action = interactive!["action"];
        switch (kind)
        {
            case "list":
                return ListError(interactive, action);
            case "button":
                if (action?["buttons"] is not JsonArray buttons || buttons.Count is < 1 or > 3) return "Param interactive['action']['buttons'] must have between 1 and 3 elements.";
                var titles = new HashSet<string>();
                foreach (var button in buttons)
                {
                    if (button?["type"]?.GetValue<string>() != "reply") return "Param interactive['action']['buttons'][]['type'] must be 'reply'.";
                    var id = button["reply"]?["id"]?.GetValue<string>();
                    var title = button["reply"]?["title"]?.GetValue<string>();
                    if (string.IsNullOrEmpty(id) || id.Length > 256) return "Param interactive['action']['buttons'][]['reply']['id'] must be between 1 and 256 characters long.";
                    if (string.IsNullOrEmpty(title) || title.Length > 20) return "Param interactive['action']['buttons'][]['reply']['title'] must be between 1 and 20 characters long.";
                    if (!titles.Add(title)) return "Buttons must have unique titles.";
                }
                return null;
            case "cta_url":
                var parameters = action?["parameters"];
                var text = parameters?["display_text"]?.GetValue<string>();
                var url = parameters?["url"]?.GetValue<string>();
                if (action?["name"]?.GetValue<string>() != "cta_url") return "Param interactive['action']['name'] must be 'cta_url'.";
                if (string.IsNullOrEmpty(text) || text.Length > 20) return "Param interactive['action']['parameters']['display_text'] must be between 1 and 20 characters long.";
                if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var link) || link.Scheme is not ("http" or "https")) return "Param interactive['action']['parameters']['url'] is not a valid URL.";
                return null;
            default:
                return "Param interactive['type'] is not a supported interactive type.";
        }
    }

    private static string? ListError(JsonNode interactive, JsonNode? action)
    {
        if (interactive["header"] is { } header
            && (header["type"]?.GetValue<string>() != "text" || header["text"]?.GetValue<string>() is not { Length: >= 1 and <= 60 }))
            return "Param interactive['header'] of a list must be of type 'text' with a text between 1 and 60 characters long.";
        if (interactive["footer"] is { } footer && footer["text"]?.GetValue<string>() is not { Length: >= 1 and <= 60 })
            return "Param interactive['footer']['text'] must be between 1 and 60 characters long.";
        if (action?["button"]?.GetValue<string>() is not { Length: >= 1 and <= 20 }) return "Param interactive['action']['button'] must be between 1 and 20 characters long.";
        if (action!["sections"] is not JsonArray sections || sections.Count is < 1 or > 10) return "Param interactive['action']['sections'] must have between 1 and 10 elements.";
        var ids = new HashSet<string>();
        var rows = 0;
        foreach (var section in sections)
        {
            var title = section?["title"]?.GetValue<string>();
            if (title is null && sections.Count > 1) return "Param interactive['action']['sections'][]['title'] is required if there is more than one section.";
            if (title is { Length: < 1 or > 24 }) return "Param interactive['action']['sections'][]['title'] must be between 1 and 24 characters long.";
            if (section?["rows"] is not JsonArray sectionRows || sectionRows.Count < 1) return "Param interactive['action']['sections'][]['rows'] must have at least 1 element.";
            foreach (var row in sectionRows)
            {
                rows++;
                var id = row?["id"]?.GetValue<string>();
                if (string.IsNullOrEmpty(id) || id.Length > 200) return "Param interactive['action']['sections'][]['rows'][]['id'] must be between 1 and 200 characters long.";
                if (row!["title"]?.GetValue<string>() is not { Length: >= 1 and <= 24 }) return "Param interactive['action']['sections'][]['rows'][]['title'] must be between 1 and 24 characters long.";
                if (row["description"]?.GetValue<string>() is { Length: > 72 }) return "Param interactive['action']['sections'][]['rows'][]['description'] must be at most 72 characters long.";
                if (!ids.Add(id)) return "Row IDs must be unique.";
            }
        }
        return rows > 10 ? "Param interactive['action']['sections'] must have at most 10 rows in total." : null;
    }

    /// <summary>A location message: numeric latitude (−90…90) and longitude (−180…180); name and address optional.</summary>
    private static string? LocationError(JsonNode? location)
    {
        double? Number(string name) => location?[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
        return Number("latitude") is not (>= -90 and <= 90) ? "Param location['latitude'] must be a number between -90 and 90."
            : Number("longitude") is not (>= -180 and <= 180) ? "Param location['longitude'] must be a number between -180 and 180."
            : null;
    }

    private static IResult Error(int status, string message, string type, int code, JsonObject? errorData = null)
    {
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code };
        if (errorData is not null) error["error_data"] = errorData;
        error["fbtrace_id"] = "AbCdEfGh123";
        return Results.Json(new JsonObject { ["error"] = error }, statusCode: status);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
