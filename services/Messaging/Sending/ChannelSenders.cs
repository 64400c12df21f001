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

/// <summary>Sends a text on one channel. Throws only for what is worth trying again later (provider down, a 429
/// that outlasted its retries): the caller's subscription page then fails and is retried from its checkpoint.</summary>
public interface IChannelSender
{
    string Channel { get; }
    Task<SendOutcome> SendTextAsync(string account, string chatId, string text, CancellationToken ct);
}
