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
    public sealed record Sent(string Token, long ChatId, string Text, long MessageId, DateTimeOffset At = default);

    /// <summary>A 429 answered: to which chat, when, and the retry_after it said.</summary>
    public sealed record Refused(long ChatId, DateTimeOffset At, int RetryAfter);

    /// <summary>A photo (sendPhoto) or document (sendDocument) uploaded as multipart/form-data, as the Bot API takes it.</summary>
    public sealed record SentFile(string Token, long ChatId, string Method, string? Caption, string FileName, byte[] Content, long MessageId);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Sent> sent = new();
    private readonly ConcurrentQueue<SentFile> files = new();
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
        var port = ServiceHost<object>.FreePort();
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
        if (!string.Equals(method, "sendMessage", StringComparison.OrdinalIgnoreCase)) return Error(HttpStatusCode.NotFound, "Not Found: method not found");

        var (chat, text) = await ReadAsync(request);
        if (chat is not { } chatId) return Error(HttpStatusCode.BadRequest, "Bad Request: chat not found");
        if (string.IsNullOrEmpty(text)) return Error(HttpStatusCode.BadRequest, "Bad Request: message text is empty");
        if (text.Length > 4096) return Error(HttpStatusCode.BadRequest, "Bad Request: message is too long");
        if (blocked.ContainsKey(chatId)) return Error(HttpStatusCode.Forbidden, "Forbidden: bot was blocked by the user");
        if (throttled.TryGetValue(chatId, out var left) && left > 0 && throttled.TryUpdate(chatId, left - 1, left))
        {
            Interlocked.Increment(ref tooManyRequests);
            var after = RetryAfterSeconds;
            refused.Enqueue(new Refused(chatId, DateTimeOffset.UtcNow, after));
            return Error(HttpStatusCode.TooManyRequests, $"Too Many Requests: retry after {after}", new JsonObject { ["retry_after"] = after });
        }

        var id = Interlocked.Increment(ref nextMessageId);
        var accepted = new Sent(token, chatId, text, id, DateTimeOffset.UtcNow);
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
        return Results.Json(new JsonObject { ["ok"] = true, ["result"] = result });
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

    private static async Task<(long? Chat, string? Text)> ReadAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            return (long.TryParse(form["chat_id"], out var c) ? c : null, form["text"]);
        }
        var body = await JsonNode.ParseAsync(request.Body);
        var chat = body?["chat_id"];
        long? chatId = chat is null ? null
            : chat.GetValueKind() == JsonValueKind.Number ? chat.GetValue<long>()
            : long.TryParse(chat.GetValue<string>(), out var parsed) ? parsed : null;
        return (chatId, body?["text"]?.GetValue<string>());
    }

    private static IResult Error(HttpStatusCode status, string description, JsonObject? parameters = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = (int)status, ["description"] = description };
        if (parameters is not null) body["parameters"] = parameters;
        return Results.Json(body, statusCode: (int)status);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
