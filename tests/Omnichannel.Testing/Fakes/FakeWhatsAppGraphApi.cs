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
/// to be outside the 24-hour window (131047).
/// </summary>
public sealed class FakeWhatsAppGraphApi : IAsyncDisposable
{
    public const string Version = "v23.0";

    public sealed record Sent(string PhoneNumberId, string To, string Text, string MessageId);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Sent> sent = new();
    private readonly ConcurrentDictionary<string, bool> outsideWindow = new();
    private readonly string accessToken;

    public FakeWhatsAppGraphApi(string accessToken)
    {
        this.accessToken = accessToken;
        var port = ServiceHost<object>.FreePort();
        var root = $"http://127.0.0.1:{port}";
        BaseUrl = $"{root}/{Version}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(root);
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost($"/{Version}/{{phoneNumberId}}/messages", Handle);
        app.StartAsync().GetAwaiter().GetResult();
    }

    /// <summary>The Graph base URL with its version, as the service is configured with it.</summary>
    public string BaseUrl { get; }

    public IReadOnlyList<Sent> Messages => [.. sent];

    public void OutsideWindow(string waId) => outsideWindow[waId] = true;

    private async Task<IResult> Handle(string phoneNumberId, HttpRequest request)
    {
        if (request.Headers.Authorization.FirstOrDefault() != $"Bearer {accessToken}")
            return Error(401, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190);
        var body = await JsonNode.ParseAsync(request.Body);
        var to = body?["to"]?.GetValue<string>();
        var text = body?["text"]?["body"]?.GetValue<string>();
        if (body?["messaging_product"]?.GetValue<string>() != "whatsapp" || to is null || text is null)
            return Error(400, "(#100) Invalid parameter", "OAuthException", 100);
        if (outsideWindow.ContainsKey(to))
            return Error(400, "(#131047) Re-engagement message", "OAuthException", 131047);

        var id = $"wamid.{Guid.NewGuid():N}";
        sent.Enqueue(new Sent(phoneNumberId, to, text, id));
        return Results.Json(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = id }),
        });
    }

    private static IResult Error(int status, string message, string type, int code) => Results.Json(new JsonObject
    {
        ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code, ["fbtrace_id"] = "AbCdEfGh123" },
    }, statusCode: status);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
