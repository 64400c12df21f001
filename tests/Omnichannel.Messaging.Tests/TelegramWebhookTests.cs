using System.Net;
using Omnichannel.Messaging.Conversations;

namespace Omnichannel.Messaging.Tests;

/// <summary>The bot's webhook as Telegram calls it: verified first, each update once, never a 500.</summary>
[Collection(Collections.Webhooks)]
public sealed class TelegramWebhookTests(MessagingPlatform platform)
{
    [Theory]
    [InlineData(null)]
    [InlineData("not-the-secret")]
    public async Task Without_the_bots_secret_token_it_is_a_401_and_nothing_is_stored(string? secret)
    {
        var chat = Updates.NewChat();
        var response = await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "Horari"), secret);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await platform.TelegramEventsAsync(chat));
    }

    [Fact]
    public async Task A_bot_not_configured_is_a_401_like_a_wrong_secret()
    {
        var response = await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), Updates.NewChat(), "Horari"), bot: "no-such-bot");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"update_id\":1,\"message\":")]
    [InlineData("[1,2]")]
    [InlineData("{\"message\":{\"chat\":{\"id\":5},\"text\":\"x\"}}")]
    public async Task A_body_that_is_not_an_update_is_a_400_naming_the_body_and_nothing_is_stored(string body)
    {
        var response = await platform.PostTelegramAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"body\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_shorter_than_its_declared_length_is_refused_never_a_500_and_nothing_is_stored()
    {
        const int lie = 100; // the sender stops 100 bytes early
        // The webhook reads a body into one array of its declared Content-Length: a length that lies must still be
        // refused as the client's error. Sent raw: HttpClient would not send a lying length.
        var chat = Updates.NewChat();
        var body = System.Text.Encoding.UTF8.GetBytes(Updates.Text(Updates.NewUpdateId(), chat, "Horari"));
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(platform.Messaging.HttpAddress.Host, platform.Messaging.HttpAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST /api/messaging/webhooks/telegram/{Omnichannel.Testing.MessagingAccounts.Bot} HTTP/1.1\r\nHost: localhost\r\n" +
                   $"Content-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: {platform.Accounts.WebhookSecret}\r\n" +
                   $"Content-Length: {body.Length + lie}\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        tcp.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        using var reader = new StreamReader(stream);
        string? status;
        // The request ended with its sender: Kestrel closes (or resets) without an answer, or answers a 4xx; never a 500.
        try { status = await reader.ReadLineAsync(); }
        catch (IOException) { status = null; }
        Assert.True(status is null || status.StartsWith("HTTP/1.1 4", StringComparison.Ordinal), status);
        Assert.Empty(await platform.TelegramEventsAsync(chat));
    }

    [Fact]
    public async Task A_message_opens_the_conversation_and_is_kept()
    {
        var chat = Updates.NewChat();
        var response = await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "Bon dia, quin és l'horari?"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = await platform.TelegramConversationAsync(chat);
        Assert.NotNull(conversation);
        Assert.Equal(("telegram", "ca", 1), (conversation.Channel, conversation.Language, conversation.MessagesIn));
    }

    [Fact]
    public async Task A_redelivered_update_is_processed_once()
    {
        var chat = Updates.NewChat();
        var update = Updates.Text(Updates.NewUpdateId(), chat, "Hola");
        Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(update)).StatusCode);
        // Telegram redelivers when it did not see our 200; twice at once as well.
        var again = await Task.WhenAll(platform.PostTelegramAsync(update), platform.PostTelegramAsync(update));
        Assert.All(again, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single((await platform.TelegramEventsAsync(chat)).OfType<MessageReceived>());
    }

    [Fact]
    public async Task An_update_of_a_kind_not_handled_is_a_200_and_nothing_is_stored()
    {
        var chat = Updates.NewChat();
        var response = await platform.PostTelegramAsync("{\"update_id\":" + Updates.NewUpdateId() + ",\"poll\":{\"id\":\"1\",\"question\":\"?\",\"options\":[]}}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await platform.TelegramEventsAsync(chat));
    }

    [Fact]
    public async Task A_citizen_who_blocks_the_bot_is_marked_blocked()
    {
        var chat = Updates.NewChat();
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "Hola"));
        Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(Updates.Blocked(Updates.NewUpdateId(), chat))).StatusCode);
        Assert.True((await platform.TelegramConversationAsync(chat))!.Blocked);
    }

    [Fact]
    public async Task A_huge_message_is_accepted_and_kept_truncated_without_control_characters()
    {
        var chat = Updates.NewChat();
        var response = await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "a\u0000b" + new string('x', 9000)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var kept = Assert.Single((await platform.TelegramEventsAsync(chat)).OfType<MessageReceived>());
        Assert.Equal(SafeText.MaxLength, kept.Text!.Length);
        Assert.StartsWith("abx", kept.Text);
    }
}
