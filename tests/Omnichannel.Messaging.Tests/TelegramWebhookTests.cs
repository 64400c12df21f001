using System.Net;
using Omnichannel.Messaging.Conversations;

namespace Omnichannel.Messaging.Tests;

/// <summary>The bot's webhook as Telegram calls it: verified first, each update once, never a 500.</summary>
public sealed class TelegramWebhookTests(MessagingPlatform platform) : IClassFixture<MessagingPlatform>
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
