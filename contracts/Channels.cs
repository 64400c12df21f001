namespace Omnichannel.Contracts;

/// <summary>
/// The one list of channels a citizen can be served through, as they appear on the wire, for every service: what a
/// procedure is offered through, what a case, booking, ticket or callback arrives through, a citizen's preferred channel.
/// Compared exactly (lower case, as written here): "Kiosk" is not a channel, so a front-end learns the spelling once
/// instead of each service forgiving it differently.
/// </summary>
public static class Channels
{
    public const string Online = "online";
    public const string Kiosk = "kiosk";
    public const string Point0 = "point0";
    public const string Phone = "phone";
    public const string Appointment = "appointment";
    public const string Chat = "chat";
    public const string Email = "email";
    public const string Telegram = "telegram";
    public const string WhatsApp = "whatsapp";
    public const string Sms = "sms";
    public const string OnSite = "on-site";

    public static readonly IReadOnlyList<string> All = [Online, Kiosk, Point0, Phone, Appointment, Chat, Email, Telegram, WhatsApp, Sms, OnSite];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    public static bool IsKnown(string? channel) => channel is not null && Known.Contains(channel);

    public static readonly string UnknownMessage = $"Unknown channel; use one of: {string.Join(", ", All)}.";
}
