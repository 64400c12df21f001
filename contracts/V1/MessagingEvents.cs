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

/// <summary>What became of a notice another service asked messaging to tell a known citizen (a reminder, "you are next",
/// a closure move, an incident's answer, a case's new status): <paramref name="Status"/> "sent" (the provider took it on
/// <paramref name="Channel"/>), "delivered" (the provider reported it on the citizen's phone) or "failed" (no channel
/// reached them; <paramref name="Channel"/> the last one tried, null when they had none). <paramref name="Notice"/> is
/// the notice's kind ("appointment-reminder", "ticket-holder-is-next", …); <paramref name="FallbackFrom"/> the channel
/// that failed just before, when a fallback carried it. No text, address or chat id: the notice stays in messaging.</summary>
public sealed record ChatNoticeDelivery(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid NoticeId,
    string Notice,
    string Status,
    string? FallbackFrom) : IIntegrationEvent;

/// <summary>A known citizen joined a broadcast list (topic) by message ("ALTA obres"): its code and its names in
/// ca/es/en (null from a publisher that did not send them).</summary>
public sealed record ChatTopicJoined(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string Topic,
    LocalizedText? TopicNames = null) : IIntegrationEvent;

/// <summary>A known citizen left a broadcast list by message ("BAIXA obres").</summary>
public sealed record ChatTopicLeft(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string Topic,
    LocalizedText? TopicNames = null) : IIntegrationEvent;

/// <summary>A known citizen sent STOP / BAIXA / BAJA alone: every list left (<paramref name="Topics"/>, and their
/// names in the same order in <paramref name="TopicNames"/>), no alert or campaign reaches that chat until they join again.</summary>
public sealed record ChatOptedOut(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    IReadOnlyList<string> Topics,
    IReadOnlyList<LocalizedText>? TopicNames = null) : IIntegrationEvent;
