namespace Omnichannel.Messaging.Sending;

/// <summary>How a send went, as the provider answered.</summary>
public abstract record SendOutcome
{
    public sealed record Sent(string? ProviderMessageId) : SendOutcome;
    /// <summary>The citizen blocked the bot (Telegram 403): nothing more is sent until they write again.</summary>
    public sealed record Blocked : SendOutcome;
    /// <summary>Refused for good (wrong token, outside WhatsApp's 24-hour window, …): retrying would not help.</summary>
    public sealed record Failed(string Reason) : SendOutcome;
}

/// <summary>One text to send, with what a channel that threads (e-mail) needs: the conversation it belongs to and an
/// id that stays the same when the send is retried.</summary>
public sealed record Outbound(string StreamKey, Guid ReplyId, string Account, string ChatId, string Text)
{
    /// <summary>A file to send with the text as its caption (chat channels); null for a plain text.</summary>
    public Media.OutboundMedia? Media { get; init; }
    /// <summary>What the message is (a reply, a notice, an alert, a campaign): WhatsApp picks the approved template
    /// for it when the citizen's 24-hour window has closed.</summary>
    public string Purpose { get; init; } = OutboundPurposes.Reply;
    /// <summary>The language the text is in (the template's language), when known.</summary>
    public string? Language { get; init; }
    /// <summary>Buttons under the text (chat channels; a channel without them sends the text alone).</summary>
    public IReadOnlyList<Buttons.ReplyButton> Buttons { get; init; } = [];
    /// <summary>A place sent after the text (chat channels).</summary>
    public Buttons.ReplyLocation? Location { get; init; }
}

public static class OutboundPurposes
{
    public const string Reply = "reply";
    public const string Notice = "notice";
    public const string Alert = "alert";
    public const string Campaign = "campaign";
}

/// <summary>Sends a text on one channel. Throws only for what is worth trying again later (provider down, a 429
/// that outlasted its retries): the caller's subscription page then fails and is retried from its checkpoint.</summary>
public interface IChannelSender
{
    string Channel { get; }
    Task<SendOutcome> SendTextAsync(string account, string chatId, string text, CancellationToken ct);

    /// <summary>Chat channels need only the text; e-mail overrides this to thread the message into its conversation.</summary>
    Task<SendOutcome> SendAsync(Outbound message, CancellationToken ct) => SendTextAsync(message.Account, message.ChatId, message.Text, ct);
}
