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

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Sent> sent = new();
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

    /// <summary>The chat's user blocked the bot: every send to it is a 403 from now on.</summary>
    public void Block(long chatId) => blocked[chatId] = true;

    /// <summary>The next <paramref name="times"/> sends to the chat are a 429 with retry_after 1.</summary>
    public void Throttle(long chatId, int times = 1) => throttled[chatId] = times;

    private async Task<IResult> Handle(string token, string method, HttpRequest request)
    {
        if (!tokens.ContainsKey(token)) return Error(HttpStatusCode.Unauthorized, "Unauthorized");
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
