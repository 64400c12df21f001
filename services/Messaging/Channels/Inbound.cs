using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.Messaging.Channels;

/// <summary>What a chat provider told us, in one shape for every channel, read by a pure parser from the provider's
/// wire format. Nothing here has been stored yet.</summary>
public abstract record Inbound
{
    /// <summary>The provider's id of this delivery (Telegram update_id, WhatsApp message or status id): a redelivery
    /// carries the same one, so it is processed once.</summary>
    public required string DeliveryId { get; init; }
}

/// <summary>Something the citizen sent or did in the chat.</summary>
public sealed record InboundMessage : Inbound
{
    public required string ChatId { get; init; }
    public required MessageKind Kind { get; init; }
    /// <summary>Text typed (or a caption, or a button's data).</summary>
    public string? Text { get; init; }
    /// <summary>The language the citizen's app says they use (Telegram's language_code), when it says.</summary>
    public string? LanguageHint { get; init; }
    public GeoPoint? Location { get; init; }
    /// <summary>A photo's, video's or document's file id at the provider (fetched after the message is stored, see
    /// <see cref="Media.ChatMediaSubscription"/>).</summary>
    public string? MediaId { get; init; }
    /// <summary>The phone number of a shared contact.</summary>
    public string? ContactPhone { get; init; }
    /// <summary>The provider's id of the message itself (to reply to it, to edit it).</summary>
    public string? ProviderMessageId { get; init; }
    /// <summary>Files the message carried that were taken (an e-mail's attachments, judged by content and size; their
    /// bytes already stored by hash).</summary>
    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];
    /// <summary>The data of a button the citizen pressed on one of our messages (Telegram callback_data, a WhatsApp
    /// interactive reply's id): answered by services/Messaging/Buttons, never matched as typed text.</summary>
    public string? ButtonData { get; init; }
    /// <summary>Telegram's callback query of that press, acknowledged once with answerCallbackQuery.</summary>
    public string? CallbackQueryId { get; init; }
    /// <summary>Files the message carried that were refused, and why: the citizen is told.</summary>
    public IReadOnlyList<RefusedAttachment> RefusedAttachments { get; init; } = [];
}

/// <summary>A file a citizen sent that was taken: its bytes by SHA-256 in messaging's inbound store, its type by content.</summary>
public sealed record InboundAttachment([NotPersonal] string Sha256, [NotPersonal] string ContentType, long Size, [Personal] string FileName);

/// <summary>A file a citizen sent that was refused (<see cref="AttachmentRefusalReasons"/>): nothing of it is kept but its name.</summary>
public sealed record RefusedAttachment([Personal] string FileName, [NotPersonal] string Reason, long Size);

public static class AttachmentRefusalReasons
{
    /// <summary>Its content is not an image, a PDF or a video the platform takes (its name and declared type are not looked at).</summary>
    public const string UnsupportedType = "unsupported-type";
    public const string Oversized = "oversized";
    public const string Empty = "empty";
    /// <summary>More files in one message than are taken.</summary>
    public const string TooMany = "too-many";
}

public enum MessageKind { Text, Photo, Video, Location, Contact, Button, Edited, Other, Document }

public sealed record GeoPoint(double Latitude, double Longitude);

/// <summary>The citizen blocked the bot (Telegram my_chat_member → kicked) or unblocked it.</summary>
public sealed record InboundBlocked : Inbound
{
    public required string ChatId { get; init; }
    public required bool Blocked { get; init; }
}

/// <summary>What happened to a message we sent (WhatsApp statuses: sent, delivered, read, failed), possibly out of order.</summary>
public sealed record InboundDeliveryStatus : Inbound
{
    public required string ChatId { get; init; }
    public required string ProviderMessageId { get; init; }
    public required DeliveryStatus Status { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>Ordered as a message moves: a status lower than the one known arrived late and changes nothing.</summary>
public enum DeliveryStatus { Sent = 1, Delivered = 2, Read = 3, Failed = 4 }

/// <summary>A well-formed update of a type this service does not handle (answered 200, logged, not stored).</summary>
public sealed record InboundIgnored : Inbound
{
    public required string What { get; init; }
}
