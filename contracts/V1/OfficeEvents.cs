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

/// <summary>
/// A service that keeps a copy of the office directory asks for all of it, at each start. Appointments answers by
/// publishing every office's integration events again, each with its first message id, so a copy that applied one
/// skips it as a duplicate and a copy that never heard of it (a service deployed after the offices were announced,
/// or whose queues were lost) applies it. Not a council's event: it asks for every council's offices.
/// </summary>
public sealed record OfficeDirectoryRequested(string Service, DateTimeOffset RequestedAt);
