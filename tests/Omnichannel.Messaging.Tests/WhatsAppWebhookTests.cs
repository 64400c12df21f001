using System.Net;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Testing;

namespace Omnichannel.Messaging.Tests;

/// <summary>The WhatsApp app's callback URL as Meta calls it: subscription check, signed notifications, each once.</summary>
[Collection(Collections.Webhooks)]
public sealed class WhatsAppWebhookTests(MessagingPlatform platform)
{
    private const string Route = $"/api/messaging/webhooks/whatsapp/{MessagingAccounts.App}";

    [Fact]
    public async Task The_subscription_check_echoes_the_challenge_only_to_the_right_verify_token()
    {
        using var client = platform.Messaging.Client();
        var right = await client.GetAsync($"{Route}?hub.mode=subscribe&hub.verify_token={platform.Accounts.VerifyToken}&hub.challenge=1158201444");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("1158201444", await right.Content.ReadAsStringAsync());

        var wrong = await client.GetAsync($"{Route}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.DoesNotContain("1158201444", await wrong.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=00")]
    [InlineData("sha1=abcdef")]
    [InlineData("sha256=zz")]
    public async Task An_unsigned_or_badly_signed_notification_is_a_401_and_nothing_is_stored(string? signature)
    {
        var waId = Notifications.NewWaId();
        var response = await platform.PostWhatsAppAsync(Notifications.Text(waId, Notifications.NewMessageId(), "Horari"), signature);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await platform.WhatsAppEventsAsync(waId));
    }

    [Fact]
    public async Task A_notification_signed_over_other_bytes_is_a_401()
    {
        var waId = Notifications.NewWaId();
        var body = Notifications.Text(waId, Notifications.NewMessageId(), "Horari");
        var signedOther = Secrets.Sign(System.Text.Encoding.UTF8.GetBytes(body + " "), platform.Accounts.AppSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.PostWhatsAppAsync(body, signedOther)).StatusCode);
    }

    [Fact]
    public async Task A_signed_body_that_is_not_a_notification_is_a_400()
    {
        var response = await platform.PostWhatsAppAsync("{\"object\":\"whatsapp_business_account\",\"entry\":");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_redelivered_message_is_processed_once()
    {
        var waId = Notifications.NewWaId();
        var body = Notifications.Text(waId, Notifications.NewMessageId(), "Hola, bon dia");
        Assert.Equal(HttpStatusCode.OK, (await platform.PostWhatsAppAsync(body)).StatusCode);
        Assert.All(await Task.WhenAll(platform.PostWhatsAppAsync(body), platform.PostWhatsAppAsync(body)), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single((await platform.WhatsAppEventsAsync(waId)).OfType<MessageReceived>());
    }

    [Fact]
    public async Task Statuses_arriving_out_of_order_keep_the_furthest_and_a_redelivered_one_changes_nothing()
    {
        var waId = Notifications.NewWaId();
        await platform.PostWhatsAppAsync(Notifications.Text(waId, Notifications.NewMessageId(), "Hola"));
        var sent = Notifications.NewMessageId();
        foreach (var (status, at) in new[] { ("read", 1764400300L), ("delivered", 1764400200L), ("sent", 1764400100L), ("read", 1764400300L) })
            Assert.Equal(HttpStatusCode.OK, (await platform.PostWhatsAppAsync(Notifications.Status(waId, sent, status, at))).StatusCode);

        var changes = (await platform.WhatsAppEventsAsync(waId)).OfType<DeliveryStatusChanged>().ToList();
        Assert.Equal(DeliveryStatus.Read, Assert.Single(changes).Status);
    }
}
