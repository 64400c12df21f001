namespace Omnichannel.Messaging.Broadcast;

/// <summary>How alerts and campaigns go out (<c>Messaging:Broadcast</c>): each channel's limits, as its provider sets
/// them for one bot, app or account.</summary>
public sealed class BroadcastOptions
{
    public const string Section = "Messaging:Broadcast";

    /// <summary>By channel (telegram, whatsapp, sms, email). Telegram's documented limits are ~30 messages/s in bulk
    /// and 1/s per chat; WhatsApp's throughput and SMS's depend on the account (configure them).</summary>
    public Dictionary<string, ChannelLimit> Limits { get; set; } = new(StringComparer.Ordinal)
    {
        ["telegram"] = new() { PerSecond = 30, PerChatPerSecond = 1 },
        ["whatsapp"] = new() { PerSecond = 80, PerChatPerSecond = 1 },
        ["sms"] = new() { PerSecond = 10, PerChatPerSecond = 1 },
        ["email"] = new() { PerSecond = 5, PerChatPerSecond = 1 },
    };

    /// <summary>How far under the limit the pacer's even spacing keeps (0.01 = 99% of it). Not what keeps a second under
    /// the limit — the pacer's arrival rule does that whatever the network bunches — but the slack the provider's
    /// answers have before that rule holds a send back (at 300/s, 10 ms a second; was 0.02).</summary>
    public double Margin { get; set; } = 0.01;

    /// <summary>Subscribers read, claimed and recorded at once (memory stays one page, whatever the list's size).</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>Sends in flight at once in one alert's run (a slow provider must not hold the pace down: at L sends a
    /// second answered in t seconds, about L × t are in flight; the pacer's arrival rule keeps them under L + 1 anyway).</summary>
    public int MaxInFlight { get; set; } = 256;

    /// <summary>How often the dispatcher looks for alerts to resume when nobody wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsValid() => PageSize is > 0 and <= 5000 && MaxInFlight is > 0 and <= 1000 && Margin is >= 0 and < 0.5
        && Limits.Values.All(l => l.PerSecond > 0 && l.PerChatPerSecond > 0);

    public ChannelLimit LimitOf(string channel) => Limits.GetValueOrDefault(channel) ?? new ChannelLimit();
}

public sealed class ChannelLimit
{
    public double PerSecond { get; set; } = 10;
    public double PerChatPerSecond { get; set; } = 1;
}
