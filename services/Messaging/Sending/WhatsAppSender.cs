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
public sealed class WhatsAppSender(IHttpClientFactory http, IOptions<MessagingOptions> options, ILogger<WhatsAppSender> logger) : IChannelSender
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
