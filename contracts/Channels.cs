namespace Omnichannel.Contracts;

/// <summary>The channels a citizen can be served through, as they appear on the wire.</summary>
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
    public const string OnSite = "on-site";

    /// <summary>Channels a procedure can be offered through in the catalogue.</summary>
    public static readonly IReadOnlySet<string> ProcedureChannels =
        new HashSet<string>([Online, Kiosk, Point0, Phone, Appointment, Chat]);

    /// <summary>Channels an interaction can arrive through.</summary>
    public static readonly IReadOnlySet<string> InteractionChannels =
        new HashSet<string>([Online, Kiosk, Point0, Phone, Appointment, Chat, Email, Telegram, WhatsApp, OnSite]);
}
