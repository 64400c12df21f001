using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Omnichannel.Testing.Fakes;

/// <summary>
/// The Telegram Bot API as its documentation describes it (https://core.telegram.org/bots/api#making-requests), over
/// HTTP on loopback: <c>POST /bot{token}/sendMessage</c> with a JSON or form body answers
/// <c>{"ok":true,"result":Message}</c>; an unknown token a 401, a chat that blocked the bot a 403 "Forbidden: bot was
/// blocked by the user", a chat told to throttle a 429 with <c>parameters.retry_after</c> — each with the real error
/// body, so the service's client is exercised byte for byte.
/// </summary>
public sealed class FakeTelegramBotApi : IAsyncDisposable
{
    /// <param name="At">When the fake took it (pacing is measured here, as Telegram counts).</param>
    /// <param name="ReplyMarkup">The reply_markup exactly as the client sent it (an inline keyboard's JSON), if any.</param>
    public sealed record Sent(string Token, long ChatId, string Text, long MessageId, DateTimeOffset At = default, string? ReplyMarkup = null);

    /// <summary>An answerCallbackQuery call: the query, its notice text and show_alert, and whether it was taken (a query
    /// not issued, or answered already, is refused as Telegram refuses an expired one).</summary>
    public sealed record CallbackAnswer(string Token, string CallbackQueryId, string? Text, bool ShowAlert, bool Accepted);

    /// <summary>A sendLocation call taken.</summary>
    public sealed record SentLocation(string Token, long ChatId, double Latitude, double Longitude, long MessageId);

    /// <summary>A 429 answered: to which chat, when, and the retry_after it said.</summary>
    public sealed record Refused(long ChatId, DateTimeOffset At, int RetryAfter);

    /// <summary>A photo (sendPhoto) or document (sendDocument) uploaded as multipart/form-data, as the Bot API takes it.</summary>
    public sealed record SentFile(string Token, long ChatId, string Method, string? Caption, string FileName, byte[] Content, long MessageId);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Sent> sent = new();
    private readonly ConcurrentQueue<SentFile> files = new();
    private readonly ConcurrentQueue<CallbackAnswer> callbackAnswers = new();
    private readonly ConcurrentQueue<SentLocation> locations = new();
    private readonly ConcurrentDictionary<string, bool> openQueries = new();
    private readonly ConcurrentDictionary<string, byte[]> stored = new();
    private readonly ConcurrentQueue<Refused> refused = new();
    private readonly ConcurrentDictionary<long, bool> blocked = new();
    private readonly ConcurrentDictionary<long, int> throttled = new();
    private readonly ConcurrentDictionary<string, bool> tokens = new();
    private long nextMessageId = 1000;
    private int tooManyRequests;

    public FakeTelegramBotApi(params string[] knownTokens)
    {
        foreach (var token in knownTokens) tokens[token] = true;
        var port = LoopbackPorts.Free();
        BaseUrl = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BaseUrl);
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/bot{token}/{method}", Handle);
        app.MapGet("/file/bot{token}/{**path}", Download);
        app.StartAsync().GetAwaiter().GetResult();
    }

    /// <summary>What the service's client takes as its base URL.</summary>
    public string BaseUrl { get; }

    public IReadOnlyList<Sent> Messages => [.. sent];

    /// <summary>Raised as each message is accepted (a benchmark waits on it instead of polling).</summary>
    public event Action<Sent>? Delivered;

    /// <summary>How many 429s were answered.</summary>
    public int TooManyRequestsAnswered => tooManyRequests;

    /// <summary>Every 429 answered, in order.</summary>
    public IReadOnlyList<Refused> TooManyRequests => [.. refused];

    /// <summary>Whether accepted messages are kept for <see cref="Messages"/> (a benchmark of 100,000 sends counts them
    /// through <see cref="Delivered"/> instead, so its memory figure is the service's, not the fake's).</summary>
    public bool KeepMessages { get; set; } = true;

    /// <summary>The retry_after the 429s say (seconds).</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public IReadOnlyList<Sent> To(long chatId) => Messages.Where(m => m.ChatId == chatId).ToList();

    /// <summary>A file a citizen sent (a photo's largest size): getFile answers its path, the file URL its bytes.</summary>
    public void AddFile(string fileId, byte[] content) => stored[fileId] = content;

    /// <summary>How many times a file was downloaded.</summary>
    public int Downloads => downloads;
    private int downloads;

    /// <summary>The photos and documents sent to a chat.</summary>
    public IReadOnlyList<SentFile> FilesTo(long chatId) => files.Where(f => f.ChatId == chatId).ToList();

    /// <summary>A press on an inline keyboard that Telegram is about to deliver (its callback_query id): answerable once.</summary>
    public void IssueCallbackQuery(string callbackQueryId) => openQueries[callbackQueryId] = true;

    /// <summary>Every answerCallbackQuery call, taken or refused, in order.</summary>
    public IReadOnlyList<CallbackAnswer> CallbackAnswers => [.. callbackAnswers];

    /// <summary>The places sent to a chat (sendLocation).</summary>
    public IReadOnlyList<SentLocation> LocationsTo(long chatId) => locations.Where(l => l.ChatId == chatId).ToList();

    /// <summary>The chat's user blocked the bot: every send to it is a 403 from now on.</summary>
    public void Block(long chatId) => blocked[chatId] = true;

    /// <summary>The next <paramref name="times"/> sends to the chat are a 429 with retry_after 1.</summary>
    public void Throttle(long chatId, int times = 1) => throttled[chatId] = times;

    private async Task<IResult> Handle(string token, string method, HttpRequest request)
    {
        if (!tokens.ContainsKey(token)) return Error(HttpStatusCode.Unauthorized, "Unauthorized");
        if (method.Equals("getFile", StringComparison.OrdinalIgnoreCase)) return await GetFileAsync(request);
        if (method.Equals("sendPhoto", StringComparison.OrdinalIgnoreCase) || method.Equals("sendDocument", StringComparison.OrdinalIgnoreCase))
            return await SendFileAsync(token, method, request);
        if (method.Equals("answerCallbackQuery", StringComparison.OrdinalIgnoreCase)) return AnswerCallbackQuery(token, await FieldsAsync(request));
        if (method.Equals("sendLocation", StringComparison.OrdinalIgnoreCase)) return SendLocation(token, await FieldsAsync(request));
        if (!string.Equals(method, "sendMessage", StringComparison.OrdinalIgnoreCase)) return Error(HttpStatusCode.NotFound, "Not Found: method not found");

        var fields = await FieldsAsync(request);
        var chat = long.TryParse(fields.GetValueOrDefault("chat_id"), out var c) ? c : (long?)null;
        var text = fields.GetValueOrDefault("text");
        var markup = fields.GetValueOrDefault("reply_markup");
        if (chat is not { } chatId) return Error(HttpStatusCode.BadRequest, "Bad Request: chat not found");
        if (string.IsNullOrEmpty(text)) return Error(HttpStatusCode.BadRequest, "Bad Request: message text is empty");
        if (text.Length > 4096) return Error(HttpStatusCode.BadRequest, "Bad Request: message is too long");
        if (markup is not null && KeyboardError(markup) is { } wrong) return Error(HttpStatusCode.BadRequest, wrong);
        if (blocked.ContainsKey(chatId)) return Error(HttpStatusCode.Forbidden, "Forbidden: bot was blocked by the user");
        if (throttled.TryGetValue(chatId, out var left) && left > 0 && throttled.TryUpdate(chatId, left - 1, left))
        {
            Interlocked.Increment(ref tooManyRequests);
            var after = RetryAfterSeconds;
            refused.Enqueue(new Refused(chatId, DateTimeOffset.UtcNow, after));
            return Error(HttpStatusCode.TooManyRequests, $"Too Many Requests: retry after {after}", new JsonObject { ["retry_after"] = after });
        }

        var id = Interlocked.Increment(ref nextMessageId);
        var accepted = new Sent(token, chatId, text, id, DateTimeOffset.UtcNow, markup);
        if (KeepMessages) sent.Enqueue(accepted);
        Delivered?.Invoke(accepted);
        var result = new JsonObject
        {
            ["message_id"] = id,
            ["from"] = new JsonObject { ["id"] = long.Parse(token.Split(':')[0]), ["is_bot"] = true, ["first_name"] = "CityMes", ["username"] = "citymes_bot" },
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["text"] = text,
        };
        if (markup is not null) result["reply_markup"] = JsonNode.Parse(markup);
        return Results.Json(new JsonObject { ["ok"] = true, ["result"] = result });
    }

    /// <summary>An inline keyboard as the Bot API checks it: an array of rows of buttons, each with a text and exactly one
    /// action; callback_data 1 to 64 bytes, url an absolute http(s) or tg link.</summary>
    private static string? KeyboardError(string markup)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(markup); }
        catch (JsonException) { return "Bad Request: can't parse reply keyboard markup JSON object"; }
        if (node?["inline_keyboard"] is not JsonArray rows) return node is JsonObject ? null : "Bad Request: can't parse reply keyboard markup JSON object";
        foreach (var row in rows)
        {
            if (row is not JsonArray buttons) return "Bad Request: field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays";
            foreach (var button in buttons)
            {
                if (button?["text"]?.GetValueKind() != JsonValueKind.String || button["text"]!.GetValue<string>().Length == 0) return "Bad Request: BUTTON_TEXT_INVALID";
                var actions = new[] { "url", "callback_data", "switch_inline_query", "web_app", "login_url", "pay", "copy_text" }.Count(a => button[a] is not null);
                if (actions != 1) return "Bad Request: BUTTON_TYPE_INVALID";
                if (button["callback_data"] is { } data && (data.GetValueKind() != JsonValueKind.String || System.Text.Encoding.UTF8.GetByteCount(data.GetValue<string>()) is 0 or > 64))
                    return "Bad Request: BUTTON_DATA_INVALID";
                if (button["url"] is { } url && (url.GetValueKind() != JsonValueKind.String || !Uri.TryCreate(url.GetValue<string>(), UriKind.Absolute, out var link)
                    || link.Scheme is not ("http" or "https" or "tg")))
                    return "Bad Request: BUTTON_URL_INVALID";
            }
        }
        return null;
    }

    /// <summary>answerCallbackQuery {callback_query_id, text (≤ 200), show_alert}: true, once per query.</summary>
    private IResult AnswerCallbackQuery(string token, IReadOnlyDictionary<string, string> fields)
    {
        var id = fields.GetValueOrDefault("callback_query_id");
        var text = fields.GetValueOrDefault("text");
        var alert = fields.GetValueOrDefault("show_alert") is "true" or "True";
        if (string.IsNullOrEmpty(id)) return Error(HttpStatusCode.BadRequest, "Bad Request: parameter \"callback_query_id\" is required");
        var taken = text is not { Length: > 200 } && openQueries.TryRemove(id, out _);
        callbackAnswers.Enqueue(new CallbackAnswer(token, id, text, alert, taken));
        if (text is { Length: > 200 }) return Error(HttpStatusCode.BadRequest, "Bad Request: MESSAGE_TOO_LONG");
        if (!taken) return Error(HttpStatusCode.BadRequest, "Bad Request: query is too old and response timeout expired or query ID is invalid");
        return Results.Json(new JsonObject { ["ok"] = true, ["result"] = true });
    }

    /// <summary>sendLocation {chat_id, latitude, longitude}: the Message with its location.</summary>
    private IResult SendLocation(string token, IReadOnlyDictionary<string, string> fields)
    {
        if (!long.TryParse(fields.GetValueOrDefault("chat_id"), out var chatId)) return Error(HttpStatusCode.BadRequest, "Bad Request: chat not found");
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (!double.TryParse(fields.GetValueOrDefault("latitude"), culture, out var latitude) || latitude is < -90 or > 90
            || !double.TryParse(fields.GetValueOrDefault("longitude"), culture, out var longitude) || longitude is < -180 or > 180)
            return Error(HttpStatusCode.BadRequest, "Bad Request: wrong location specified");
        if (blocked.ContainsKey(chatId)) return Error(HttpStatusCode.Forbidden, "Forbidden: bot was blocked by the user");
        var id = Interlocked.Increment(ref nextMessageId);
        locations.Enqueue(new SentLocation(token, chatId, latitude, longitude, id));
        return Results.Json(new JsonObject
        {
            ["ok"] = true,
            ["result"] = new JsonObject
            {
                ["message_id"] = id,
                ["from"] = new JsonObject { ["id"] = long.Parse(token.Split(':')[0]), ["is_bot"] = true, ["first_name"] = "CityMes", ["username"] = "citymes_bot" },
                ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["location"] = new JsonObject { ["latitude"] = latitude, ["longitude"] = longitude },
            },
        });
    }

    /// <summary>A method's parameters as the Bot API takes them (a JSON body or a form): a string as itself, any other
    /// JSON value (a number, reply_markup's object) as its raw text, exactly as sent.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> FieldsAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
            return (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        using var body = await JsonDocument.ParseAsync(request.Body);
        if (body.RootElement.ValueKind != JsonValueKind.Object) return new Dictionary<string, string>();
        return body.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
    }

    /// <summary>getFile {file_id} → a File with its file_path (valid an hour at the real API); an unknown id is a 400.</summary>
    private async Task<IResult> GetFileAsync(HttpRequest request)
    {
        string? fileId;
        if (request.HasFormContentType) fileId = (await request.ReadFormAsync())["file_id"];
        else fileId = (await JsonNode.ParseAsync(request.Body))?["file_id"]?.GetValue<string>();
        if (fileId is null || !stored.TryGetValue(fileId, out var content)) return Error(HttpStatusCode.BadRequest, "Bad Request: invalid file_id");
        return Results.Json(new JsonObject
        {
            ["ok"] = true,
            ["result"] = new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = fileId[..Math.Min(16, fileId.Length)], ["file_size"] = content.Length, ["file_path"] = $"photos/{fileId}.jpg" },
        });
    }

    /// <summary>https://api.telegram.org/file/bot&lt;token&gt;/&lt;file_path&gt;: the bytes, for the bot's own token only.</summary>
    private IResult Download(string token, string path)
    {
        if (!tokens.ContainsKey(token)) return Results.StatusCode(401);
        var fileId = Path.GetFileNameWithoutExtension(path);
        if (!path.StartsWith("photos/", StringComparison.Ordinal) || !stored.TryGetValue(fileId, out var content)) return Results.NotFound();
        Interlocked.Increment(ref downloads);
        return Results.Bytes(content, "application/octet-stream");
    }

    /// <summary>sendPhoto / sendDocument with a new file: multipart/form-data with chat_id, an optional caption (at most
    /// 1024 characters) and the file in the part named after the method's field (photo, document), with its file name.</summary>
    private async Task<IResult> SendFileAsync(string token, string method, HttpRequest request)
    {
        if (!request.HasFormContentType || !(request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Error(HttpStatusCode.BadRequest, "Bad Request: there is no photo in the request");
        var form = await request.ReadFormAsync();
        var photo = method.Equals("sendPhoto", StringComparison.OrdinalIgnoreCase);
        if (!long.TryParse(form["chat_id"], out var chatId)) return Error(HttpStatusCode.BadRequest, "Bad Request: chat not found");
        var field = photo ? "photo" : "document";
        // The file in the part named after the field, or (as the Bot API also takes) in a part the field names as attach://<part>.
        var file = form.Files.GetFile(field)
            ?? (form[field].ToString() is { } named && named.StartsWith("attach://", StringComparison.Ordinal) ? form.Files.GetFile(named["attach://".Length..]) : null);
        if (file is null || file.Length == 0)
            return Error(HttpStatusCode.BadRequest, photo ? "Bad Request: there is no photo in the request" : "Bad Request: there is no document in the request");
        string? caption = form["caption"];
        if (caption is { Length: > 1024 }) return Error(HttpStatusCode.BadRequest, "Bad Request: message caption is too long");
        if (blocked.ContainsKey(chatId)) return Error(HttpStatusCode.Forbidden, "Forbidden: bot was blocked by the user");
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content);

        var id = Interlocked.Increment(ref nextMessageId);
        files.Enqueue(new SentFile(token, chatId, photo ? "sendPhoto" : "sendDocument", caption, Utf8(file.FileName), content, id));
        var fileId = $"AgAC{Guid.NewGuid():N}";
        var result = new JsonObject
        {
            ["message_id"] = id,
            ["from"] = new JsonObject { ["id"] = long.Parse(token.Split(':')[0]), ["is_bot"] = true, ["first_name"] = "CityMes", ["username"] = "citymes_bot" },
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        if (caption is not null) result["caption"] = caption;
        if (photo)
            result["photo"] = new JsonArray(new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = fileId[..16], ["width"] = 320, ["height"] = 240, ["file_size"] = content.Length });
        else
            result["document"] = new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = fileId[..16], ["file_name"] = file.FileName, ["mime_type"] = "application/pdf", ["file_size"] = content.Length };
        return Results.Json(new JsonObject { ["ok"] = true, ["result"] = result });
    }

    /// <summary>A file name sent as raw UTF-8 in the part's header (as the Bot API takes it) and read as Latin-1.</summary>
    private static string Utf8(string name)
    {
        if (name.Any(c => c > 0xFF)) return name;
        var decoded = System.Text.Encoding.UTF8.GetString(System.Text.Encoding.Latin1.GetBytes(name));
        return decoded.Contains('\uFFFD') ? name : decoded;
    }

    private static IResult Error(HttpStatusCode status, string description, JsonObject? parameters = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = (int)status, ["description"] = description };
        if (parameters is not null) body["parameters"] = parameters;
        return Results.Json(body, statusCode: (int)status);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
