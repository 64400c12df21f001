using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.WhatsApp;
using ChannelNames = Omnichannel.Contracts.Channels;

namespace Omnichannel.Messaging.Sending;

/// <summary>
/// A text through the WhatsApp Cloud API (POST {graph}/{phone-number-id}/messages, bearer the app's access token).
/// Outside the 24-hour customer-service window Meta refuses free text (131047): that is a failure here — approved
/// templates for it come later.
/// </summary>
public sealed class WhatsAppSender(IHttpClientFactory http, IOptions<MessagingOptions> options, ILogger<WhatsAppSender> logger, Media.ReplyMediaStore mediaStore) : IChannelSender
{
    public string Channel => ChannelNames.WhatsApp;

    public async Task<SendOutcome> SendTextAsync(string account, string chatId, string text, CancellationToken ct)
    {
        var (appName, phoneNumberId) = WhatsAppWebhook.ParseAccount(account);
        var app = options.Value.WhatsApp.Apps.GetValueOrDefault(appName);
        if (app?.AccessToken is not { Length: > 0 } token) return new SendOutcome.Failed("no-access-token");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{options.Value.WhatsApp.GraphBaseUrl.TrimEnd('/')}/{phoneNumberId}/messages")
        {
            Content = JsonContent.Create(new
            {
                messaging_product = "whatsapp",
                recipient_type = "individual",
                to = chatId,
                type = "text",
                text = new { preview_url = false, body = text },
            }),
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
            throw new HttpRequestException($"The WhatsApp Cloud API answered {(int)response.StatusCode}; the reply will be tried again.");
        var code = ErrorCode(body);
        logger.LogWarning("WhatsApp refused a message from app {App}: HTTP {Status}, error {Code}", appName, (int)response.StatusCode, code);
        return new SendOutcome.Failed(code == 131047 ? "outside-24h-window" : $"whatsapp-{code}");
    }

    /// <summary>An operator's file: uploaded first (POST {graph}/{phone-number-id}/media, multipart), then sent as an
    /// image or document message naming the media id, the text as its caption.</summary>
    public async Task<SendOutcome> SendAsync(Outbound message, CancellationToken ct)
    {
        if (message.Media is not { } media) return await SendTextAsync(message.Account, message.ChatId, message.Text, ct);
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
