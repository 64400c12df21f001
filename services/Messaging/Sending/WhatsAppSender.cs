using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.WhatsApp;
using ChannelNames = Omnichannel.Contracts.Channels;

namespace Omnichannel.Messaging.Sending;

/// <summary>
/// A message through the WhatsApp Cloud API (POST {graph}/{phone-number-id}/messages, bearer the app's access token).
/// Inside the 24-hour customer-service window (the citizen's last message less than 24 h ago) it is free text; outside
/// it Meta refuses free text (131047), so the app's approved template for the message's purpose is sent instead
/// (<c>"type":"template"</c>, the text as its body variable), and without one nothing is sent (a failure: a notice
/// falls back to its next channel).
/// </summary>
public sealed class WhatsAppSender(IHttpClientFactory http, IOptions<MessagingOptions> options, IDocumentStore store, TimeProvider clock,
    Media.ReplyMediaStore mediaStore, ILogger<WhatsAppSender> logger) : IChannelSender
{
    public static readonly TimeSpan CustomerServiceWindow = TimeSpan.FromHours(24);

    public string Channel => ChannelNames.WhatsApp;

    public Task<SendOutcome> SendTextAsync(string account, string chatId, string text, CancellationToken ct) =>
        PostAsync(account, new { messaging_product = "whatsapp", recipient_type = "individual", to = chatId, type = "text", text = new { preview_url = false, body = text } }, ct);

    public async Task<SendOutcome> SendAsync(Outbound message, CancellationToken ct)
    {
        // An operator's file answers a citizen who is in a hand-over, so inside the window (outside it Meta refuses it).
        if (message.Media is { } media) return await SendMediaAsync(message, media, ct);
        if (await InsideWindowAsync(message.StreamKey, ct) is { } language) return await SendInsideWindowAsync(message, message.Language ?? language, ct);
        var (appName, _) = WhatsAppWebhook.ParseAccount(message.Account);
        var templates = options.Value.WhatsApp.Apps.GetValueOrDefault(appName)?.Templates;
        var template = templates?.GetValueOrDefault(message.Purpose) ?? templates?.GetValueOrDefault("default");
        if (template is null) return new SendOutcome.Failed("outside-24h-window");
        return await PostAsync(message.Account, TemplateMessage(template, message.ChatId, message.Text, message.Language), ct);
    }

    /// <summary>Free text, with a keyword's buttons as an interactive message (<see cref="Buttons.WhatsAppButtons"/>) and
    /// its place as a location message after it. A template (outside the window) carries the text alone.</summary>
    private async Task<SendOutcome> SendInsideWindowAsync(Outbound message, string language, CancellationToken ct)
    {
        var sent = message.Buttons.Count == 0
            ? await SendTextAsync(message.Account, message.ChatId, message.Text, ct)
            : await PostAsync(message.Account, Buttons.WhatsAppButtons.Message(message.ChatId, message.Text, message.Buttons, language), ct);
        if (sent is SendOutcome.Sent && message.Location is { } at)
        {
            try
            {
                var located = await PostAsync(message.Account, Buttons.WhatsAppButtons.Location(message.ChatId, at), ct);
                if (located is not SendOutcome.Sent) logger.LogWarning("WhatsApp did not take a keyword's place: {Outcome}", located.GetType().Name);
            }
            catch (HttpRequestException e)
            {
                // The answer's text has gone: failing the reply now would send it again on the retry.
                logger.LogWarning("A keyword's place could not be sent on WhatsApp: {Status}", e.StatusCode);
            }
        }
        return sent;
    }

    /// <summary>The Cloud API's template message: name, language code, and the body's variables.</summary>
    public static object TemplateMessage(MessagingOptions.WhatsAppTemplate template, string to, string text, string? language) => new
    {
        messaging_product = "whatsapp",
        recipient_type = "individual",
        to,
        type = "template",
        template = new
        {
            name = template.Name,
            language = new { code = template.Languages.GetValueOrDefault(language ?? "ca") ?? template.Languages.GetValueOrDefault("ca") ?? "ca" },
            components = new object[]
            {
                new { type = "body", parameters = template.BodyParameters.Select(p => new { type = "text", text = Parameter(p, text) }).ToArray() },
            },
        },
    };

    /// <summary>A template variable may not hold new lines, tabs or more than four spaces in a row (Meta refuses it).</summary>
    private static string Parameter(string source, string text)
    {
        var value = source == "text" ? text : "";
        var flat = string.Join(" · ", value.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        while (flat.Contains("     ", StringComparison.Ordinal)) flat = flat.Replace("     ", " ", StringComparison.Ordinal);
        return flat.Length > 1024 ? flat[..1024] : flat;
    }

    /// <summary>Whether the citizen wrote to this number in the last 24 hours (their conversation's last message): the
    /// conversation's language when they did (a list's button is worded in it), null when not.</summary>
    private async Task<string?> InsideWindowAsync(string conversation, CancellationToken ct)
    {
        await using var session = store.QueryTenantSession();
        var view = await session.LoadAsync<ConversationView>(conversation, ct);
        return view is not null && view.MessagesIn > 0 && clock.GetUtcNow() - view.LastMessageAt < CustomerServiceWindow ? view.Language : null;
    }

    private async Task<SendOutcome> PostAsync(string account, object payload, CancellationToken ct)
    {
        var (appName, phoneNumberId) = WhatsAppWebhook.ParseAccount(account);
        var app = options.Value.WhatsApp.Apps.GetValueOrDefault(appName);
        if (app?.AccessToken is not { Length: > 0 } token) return new SendOutcome.Failed("no-access-token");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{options.Value.WhatsApp.GraphBaseUrl.TrimEnd('/')}/{phoneNumberId}/messages")
        {
            Content = JsonContent.Create(payload),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.CreateClient("whatsapp").SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            using var document = JsonDocument.Parse(body);
            var id = document.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0
                ? messages[0].GetProperty("id").GetString() : null;
            return new SendOutcome.Sent(id);
        }
        if ((int)response.StatusCode is 429 or >= 500)
            throw new HttpRequestException($"The WhatsApp Cloud API answered {(int)response.StatusCode}; the reply will be tried again.", null, response.StatusCode);
        var code = ErrorCode(body);
        logger.LogWarning("WhatsApp refused a message from app {App}: HTTP {Status}, error {Code}", appName, (int)response.StatusCode, code);
        return new SendOutcome.Failed(code == 131047 ? "outside-24h-window" : $"whatsapp-{code}");
    }

    /// <summary>An operator's file: uploaded first (POST {graph}/{phone-number-id}/media, multipart), then sent as an
    /// image or document message naming the media id, the text as its caption.</summary>
    private async Task<SendOutcome> SendMediaAsync(Outbound message, Media.OutboundMedia media, CancellationToken ct)
    {
        var (appName, phoneNumberId) = WhatsAppWebhook.ParseAccount(message.Account);
        var app = options.Value.WhatsApp.Apps.GetValueOrDefault(appName);
        if (app?.AccessToken is not { Length: > 0 } token) return new SendOutcome.Failed("no-access-token");
        var content = await mediaStore.FindAsync(media.Sha256, ct);
        if (content is null) return new SendOutcome.Failed("media-missing");
        var graph = options.Value.WhatsApp.GraphBaseUrl.TrimEnd('/');
        var client = http.CreateClient("whatsapp");

        using var upload = new HttpRequestMessage(HttpMethod.Post, $"{graph}/{phoneNumberId}/media");
        var form = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent(media.ContentType), "type" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(media.ContentType);
        form.Add(file, "file", media.FileName);
        upload.Content = form;
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        string mediaId;
        using (var uploaded = await client.SendAsync(upload, ct))
        {
            var uploadBody = await uploaded.Content.ReadAsStringAsync(ct);
            if (!uploaded.IsSuccessStatusCode) return Refused(uploaded, uploadBody, appName);
            using var document = JsonDocument.Parse(uploadBody);
            mediaId = document.RootElement.GetProperty("id").GetString() ?? throw new HttpRequestException("The WhatsApp Cloud API gave no media id.");
        }

        var caption = string.IsNullOrWhiteSpace(message.Text) ? null : message.Text;
        object payload = media.Kind == Media.OutboundMedia.Photo
            ? new { messaging_product = "whatsapp", recipient_type = "individual", to = message.ChatId, type = "image", image = new { id = mediaId, caption } }
            : new { messaging_product = "whatsapp", recipient_type = "individual", to = message.ChatId, type = "document", document = new { id = mediaId, caption, filename = media.FileName } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{graph}/{phoneNumberId}/messages")
        {
            Content = JsonContent.Create(payload, options: new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) return Refused(response, body, appName);
        using var sent = JsonDocument.Parse(body);
        var id = sent.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0
            ? messages[0].GetProperty("id").GetString() : null;
        return new SendOutcome.Sent(id);
    }

    private SendOutcome Refused(HttpResponseMessage response, string body, string appName)
    {
        if ((int)response.StatusCode is 429 or >= 500)
            throw new HttpRequestException($"The WhatsApp Cloud API answered {(int)response.StatusCode}; the reply will be tried again.");
        var code = ErrorCode(body);
        logger.LogWarning("WhatsApp refused a file from app {App}: HTTP {Status}, error {Code}", appName, (int)response.StatusCode, code);
        return new SendOutcome.Failed(code == 131047 ? "outside-24h-window" : $"whatsapp-{code}");
    }

    private static int? ErrorCode(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) && code.TryGetInt32(out var n) ? n : null;
        }
        catch (JsonException) { return null; }
    }
}
