namespace Omnichannel.StaffConsole.Gateway;

// What the staff panels read (only the fields used).

public sealed record DayAppointment(Guid AppointmentId, string Code, string Status, Guid CitizenId, string OfficeId, string ProcedureCode,
    string Channel, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
public sealed record AppointmentOffice(string OfficeId, List<DateOnly> Closures, Dictionary<string, string> ClosureReasons);

public sealed record CaseInboxItem(Guid CaseId, string TrackingCode, string ProcedureCode, string Channel, string Status,
    DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, long Version);
public sealed record CaseInboxPage(List<CaseInboxItem> Items, int Total, int Page, int PageSize);
public sealed record CaseStep(string Status, DateTimeOffset At, string? Note);
public sealed record CaseDetail(Guid CaseId, string TrackingCode, string ProcedureCode, Guid? CitizenId, string Channel, string? Summary, string Status,
    DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, long Version, List<CaseStep> History);
public sealed record CaseStatusChanged(Guid CaseId, string Status, long Version);

public sealed record IncidentInboxItem(Guid IncidentId, string Code, string Kind, string Channel, string Status, string? Category, string? Priority,
    string? Team, string? Agent, DateTimeOffset ReportedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FirstAnswerDueAt, DateTimeOffset? ResolutionDueAt,
    DateTimeOffset? NextDueAt, bool Breached, string SlaState);
public sealed record IncidentInboxPage(List<IncidentInboxItem> Items, int Total, int Page, int PageSize);
public sealed record IncidentStepLine(string Name, DateTimeOffset At, string? By, string? Message, string? Note);
public sealed record IncidentDetail(Guid IncidentId, string Code, string Kind, string Channel, Guid? CitizenId, string Description, string? ProcedureCode,
    string Status, string? Category, string? Priority, string? Team, string? Agent, DateTimeOffset? NextDueAt, bool Breached, DateTimeOffset ReportedAt,
    long Version, List<IncidentStepLine> Steps);
public sealed record IncidentStep(Guid IncidentId, string Code, string Status, long Version);

public sealed record HandoverItem(Guid HandoverId, string Channel, string Language, Guid? CitizenId, string Stage, string Reason,
    DateTimeOffset WaitingSince, string? ClaimedBy, DateTimeOffset? ClaimedAt, DateTimeOffset LastMessageAt, long Version);
public sealed record TranscriptLine(DateTimeOffset At, string From, string Kind, string? Text, bool HasMedia)
{
    /// <summary>The files the line carried that messaging kept (downloaded through the console, see Conversations/ConversationFileEndpoints).</summary>
    public List<TranscriptFile> Attachments { get; init; } = [];
}
public sealed record TranscriptFile(string Sha256, string ContentType, long Size, string FileName);
public sealed record HandoverDetail(HandoverItem Handover, List<TranscriptLine> Transcript);
public sealed record HandoverStep(Guid HandoverId, string Stage, string? ClaimedBy, long Version);

public sealed record PeripheralStatus(string Peripheral, string State, DateTimeOffset Since);
public sealed record FleetKiosk(string KioskId, string Location, bool Revoked, string Connection, DateTimeOffset? ConnectionSince, DateTimeOffset? LastSeenAt,
    string SoftwareVersion, DateTimeOffset? SoftwareSince, List<PeripheralStatus> Peripherals, bool OutOfService);
public sealed record OfficeFleet(string OfficeId, List<FleetKiosk> Kiosks);
public sealed record AssistanceItem(Guid RequestId, string KioskId, string OfficeId, string Mode, string Status, string? StaffId, string? RoomUrl,
    DateTimeOffset RequestedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? ClosedAt);

public sealed record FreeSlot(string OfficeId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Free);
public sealed record FoundSlots(string ProcedureCode, int SlotMinutes, List<FreeSlot> Slots);

/// <summary>A value read with its version (the ETag), for the If-Match of the next write.</summary>
public sealed record Versioned<T>(T Value, long Version);
public sealed record CitizenPreferences(string Language, string? PreferredChannel, bool DealsElectronically);
public sealed record CitizenProfile(Guid CitizenId, CitizenPreferences Preferences, List<string> Phones, List<string> Emails, List<string> TelegramChats,
    List<string> WhatsAppNumbers, bool NationalIdVerified);

public sealed record ForecastHour(DateTime LocalHour, double ExpectedContacts, int ManagersNeeded);
public sealed record ChannelForecast(string Channel, string Staffing, double HandleMinutes, List<ForecastHour> Hours);
public sealed record DemandForecast(string Method, DateTime FromLocal, int Weeks, List<ChannelForecast> Channels);
