namespace Omnichannel.StaffConsole.Gateway;

// What the citizen web reads from the gateway's API (only the fields used).

public sealed record WebProcedure(string Code, string Category, Localized Names, Localized? Guidance, List<string> Channels,
    List<Localized>? DocumentsRequired, string? EOfficeUrl, bool Withdrawn);
public sealed record WebProcedurePage(List<WebProcedure> Items, int Total, int Page, int PageSize);

public sealed record WebOffice(string OfficeId, Localized Name, string Address, Dictionary<string, int> Procedures, List<DateOnly>? Closures);
public sealed record WebSlot(string OfficeId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Free);
public sealed record WebSlots(string ProcedureCode, int SlotMinutes, List<WebSlot> Slots);

/// <summary>An appointment as the citizen sees it (the public view by code: never the citizen's id).</summary>
public sealed record WebAppointment(Guid AppointmentId, string Code, string Status, string OfficeId, string ProcedureCode,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Sequence);
public sealed record WebCalendarLink(string Url, DateTimeOffset ExpiresAt);

public sealed record WebCaseStep(string Status, DateTimeOffset At);
public sealed record WebCase(string TrackingCode, string ProcedureCode, Localized? ProcedureName, string Status, DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt, List<WebCaseStep> History);
public sealed record WebIncidentStep(string Name, DateTimeOffset At);
public sealed record WebIncident(string Code, string Kind, string Status, DateTimeOffset ReportedAt, DateTimeOffset UpdatedAt, List<WebIncidentStep> Steps);

public sealed record WebCallback(Guid CallbackId, DateTimeOffset CallAt);
