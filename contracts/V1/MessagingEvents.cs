namespace Omnichannel.Contracts.V1;

// The messaging service's conversations with citizens (Telegram, WhatsApp). Steps of a conversation are published only
// when the chat is linked to a known citizen (CitizenId set); no chat id or phone number ever leaves the service.

/// <summary>A chat conversation started, linked to a known citizen (the citizens directory knew the chat's identity).
/// <paramref name="Language"/> is the one the conversation is held in.</summary>
public sealed record ChatConversationStarted(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string Language) : IIntegrationEvent;

/// <summary>A known citizen's chat went to the operators' inbox: <paramref name="Reason"/> "unanswered" (no keyword
/// answered it), "requested" (they asked for a person) or "media" (a photo, location or contact).</summary>
public sealed record ChatHandedOver(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid HandoverId,
    string Reason) : IIntegrationEvent;

/// <summary>The office closed a hand-over of a known citizen's chat; <paramref name="Answered"/> says whether a person
/// answered in it.</summary>
public sealed record ChatHandoverClosed(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid HandoverId,
    bool Answered) : IIntegrationEvent;

/// <summary>A complaint sent through a chat with a photo and/or a location, after the complaint keyword. The incidents
/// service reports it as a complaint whose incident id is <paramref name="ComplaintId"/> (so a redelivery reports
/// nothing twice) and its <see cref="IncidentReported"/> brings the code back to the chat. No citizen when the chat is
/// not linked to one. <paramref name="PhotoFileIds"/> are the chat provider's file ids (kept for when incidents takes
/// attachments from chats; not downloaded yet).</summary>
public sealed record ChatComplaintSubmitted(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid ComplaintId,
    string Description,
    double? Latitude,
    double? Longitude,
    IReadOnlyList<string> PhotoFileIds) : IIntegrationEvent;
