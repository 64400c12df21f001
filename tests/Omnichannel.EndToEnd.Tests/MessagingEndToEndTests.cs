using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>A citizen's chat as Telegram and WhatsApp deliver it: to the gateway's public webhook routes, without a token
/// of ours, and the answer out through the providers' send APIs (fakes speaking their wire formats on loopback).</summary>
[Collection(Collections.Requests)]
public sealed class MessagingEndToEndTests(Platform platform)
{
    private HttpRequestMessage TelegramUpdate(long chat, string text, string? secret)
    {
        var update = "{\"update_id\":" + Random.Shared.Next(1, int.MaxValue) + ",\"message\":{\"message_id\":1,\"from\":{\"id\":" + chat
            + ",\"is_bot\":false,\"first_name\":\"Anna\",\"language_code\":\"ca\"},\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},\"date\":1764400000,\"text\":\"" + text + "\"}}";
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/messaging/webhooks/telegram/{MessagingAccounts.Bot}")
        {
            Content = new StringContent(update, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (secret is not null) request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        return request;
    }

    [Fact]
    public async Task A_telegram_keyword_posted_to_the_gateways_webhook_route_is_answered_through_the_bot_api()
    {
        var chat = Random.Shared.NextInt64(100_000_000, 9_000_000_000);
        using var telegram = platform.Anonymous(); // Telegram holds no token of ours: the webhook's secret is its credential
        var response = await telegram.SendAsync(TelegramUpdate(chat, "PARAULES CLAU", platform.MessagingAccounts.WebhookSecret));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var answer = await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), sent => sent.Count > 0, TimeSpan.FromSeconds(30), "the bot's answer");
        Assert.StartsWith("Paraules clau", Assert.Single(answer).Text);
        Assert.Contains("• HORARI", answer[0].Text);
    }

    [Fact]
    public async Task The_gateway_passes_a_webhook_without_the_secret_to_the_service_which_refuses_it()
    {
        var chat = Random.Shared.NextInt64(100_000_000, 9_000_000_000);
        using var anyone = platform.Anonymous();
        var response = await anyone.SendAsync(TelegramUpdate(chat, "HORARI", "guess"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(platform.TelegramApi.To(chat));
    }

    [Fact]
    public async Task Staff_create_a_topic_through_the_gateway_a_citizen_joins_it_by_message_and_the_alert_reaches_them()
    {
        var code = "obres-" + Guid.NewGuid().ToString("N")[..8];
        var chat = Random.Shared.NextInt64(100_000_000, 9_000_000_000);
        using var staff = platform.AsStaff();
        var created = await staff.PostAsJsonAsync("/api/messaging/topics", new
        {
            code, names = new { ca = $"Obres {code}", es = $"Obras {code}", en = $"Roadworks {code}" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var telegram = platform.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await telegram.SendAsync(TelegramUpdate(chat, $"ALTA {code}", platform.MessagingAccounts.WebhookSecret))).StatusCode);
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), sent => sent.Count == 1, TimeSpan.FromSeconds(30), "the join's answer");

        var alert = await staff.PostAsJsonAsync("/api/messaging/alerts", new { topic = code, text = new { ca = $"Tall de carrer {code}", es = "Corte", en = "Closure" } });
        Assert.Equal(HttpStatusCode.Accepted, alert.StatusCode);
        var sent = await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count == 2, TimeSpan.FromSeconds(30), "the alert");
        Assert.Equal($"Tall de carrer {code}", sent[1].Text);
        using var app = platform.AsChannelApp();
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync("/api/messaging/topics")).StatusCode);
    }

    [Fact]
    public async Task Only_the_webhooks_are_public_the_rest_of_messaging_still_needs_a_token()
    {
        using var anyone = platform.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.GetAsync("/api/messaging/conversations")).StatusCode);
    }
}
