using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;

namespace Omnichannel.Messaging.Tests;

/// <summary>Given events, when a message, a block or a status arrives, then events.</summary>
public sealed class ConversationDecisionsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly Opening Opening = new("telegram", "citymes", "42", "es", null);
    private static readonly ConversationStarted Started = new("telegram", "citymes", "42", "es", null, At);

    private static Conversation Given(params object[] events) => events.Aggregate(Conversation.Initial, Conversation.Evolve);

    private static InboundMessage Message(string text) => new() { DeliveryId = "1", ChatId = "42", Kind = MessageKind.Text, Text = text };

    [Fact]
    public void A_first_message_starts_the_conversation_keeps_the_message_and_queues_the_reply()
    {
        var reply = new Reply("Horari: …", ReplyReasons.Keyword, "horari");
        var events = ConversationDecisions.Receive(Given(), Opening, Message("horario"), reply, Guid.Empty, At);
        Assert.Collection(events,
            e => Assert.Equal(Started, e),
            e => Assert.Equal("horario", Assert.IsType<MessageReceived>(e).Text),
            e => Assert.Equal(new ReplyQueued(Guid.Empty, "telegram", "citymes", "42", "Horari: …", ReplyReasons.Keyword, "horari", At), e));
    }

    [Fact]
    public void A_later_message_without_a_reply_is_only_kept()
    {
        var events = ConversationDecisions.Receive(Given(Started), Opening, Message("hola"), null, Guid.Empty, At);
        Assert.IsType<MessageReceived>(Assert.Single(events));
    }

    [Fact]
    public void Blocking_is_recorded_once_and_unblocking_after_it()
    {
        Assert.IsType<ChatBlocked>(Assert.Single(ConversationDecisions.Block(Given(Started), true, At)));
        Assert.Empty(ConversationDecisions.Block(Given(Started, new ChatBlocked(At)), true, At));
        Assert.IsType<ChatUnblocked>(Assert.Single(ConversationDecisions.Block(Given(Started, new ChatBlocked(At)), false, At)));
        Assert.Empty(ConversationDecisions.Block(Given(), true, At)); // no conversation: nothing to block
    }

    [Fact]
    public void Delivery_statuses_out_of_order_only_move_forward()
    {
        var sent = new ReplySent(Guid.Empty, "wamid.1", At);
        var read = Given(Started, sent, new DeliveryStatusChanged("wamid.1", DeliveryStatus.Read, At));
        Assert.Empty(ConversationDecisions.Status(read, "wamid.1", DeliveryStatus.Delivered, At)); // the late "delivered"
        Assert.Empty(ConversationDecisions.Status(read, "wamid.1", DeliveryStatus.Failed, At));
        Assert.Single(ConversationDecisions.Status(Given(Started, sent), "wamid.1", DeliveryStatus.Read, At)); // "read" first
        Assert.Single(ConversationDecisions.Status(Given(Started, sent), "wamid.1", DeliveryStatus.Failed, At));
        Assert.Empty(ConversationDecisions.Status(Given(Started, sent), "wamid.1", DeliveryStatus.Sent, At));
    }

    [Fact]
    public void A_message_is_kept_safe_to_store()
    {
        Assert.Equal("ab", SafeText.Of("a\u0000b"));
        Assert.Equal("línia 1\nlínia 2", SafeText.Of("línia 1\nlínia 2"));
        var emoji = new string('x', SafeText.MaxLength - 1) + "😀";
        Assert.Equal(SafeText.MaxLength - 1, SafeText.Of(emoji)!.Length); // the pair is not split
    }
}

public sealed class TokenRedactionTests
{
    [Theory]
    [InlineData("https://api.telegram.org/bot123456:AAH-secret_x/sendMessage", "https://api.telegram.org/bot{token}/sendMessage")]
    [InlineData("http://127.0.0.1:20001/bot987:abc/getMe?x=1", "http://127.0.0.1:20001/bot{token}/getMe?x=1")]
    [InlineData("https://graph.facebook.com/v23.0/106540352242922/messages", "https://graph.facebook.com/v23.0/106540352242922/messages")]
    public void A_bot_token_in_a_url_is_replaced_before_a_trace_leaves(string url, string expected) =>
        Assert.Equal(expected, Omnichannel.Messaging.Sending.TokenRedaction.Redact(url));
}
