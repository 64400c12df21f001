namespace Omnichannel.Contracts.V1;

// The office directory. Appointments owns offices; queues and the kiosk fleet keep local views from these
// events and never invent office ids of their own. They name no citizen (CitizenId and Channel are null).

/// <summary>A council registered an office: its id (the one every service uses), its name in ca/es/en, its
/// address, the business calendar that gives its opening hours (see <c>BusinessCalendar:*</c>) and its desks.</summary>
public sealed record OfficeRegistered(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string OfficeId,
    LocalizedText Name,
    string Address,
    string Calendar,
    int Desks) : IIntegrationEvent;

/// <summary>An office's name, address, calendar or desks changed: the whole description as it now is.</summary>
public sealed record OfficeChanged(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string OfficeId,
    LocalizedText Name,
    string Address,
    string Calendar,
    int Desks) : IIntegrationEvent;

/// <summary>An office is closed all day on <c>Date</c> (its local date), on top of its calendar's holidays.</summary>
public sealed record OfficeClosedForDay(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string OfficeId,
    DateOnly Date,
    string Reason) : IIntegrationEvent;
