namespace Omnichannel.Contracts.V1;

/// <summary>A citizen with an appointment arrived at the office and checked in (at a kiosk or the welcome desk):
/// the queues service puts them on the office's appointment line, to be called at their time.</summary>
public sealed record CitizenCheckedIn(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid AppointmentId,
    string AppointmentCode,
    string ProcedureCode,
    string OfficeId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt) : IIntegrationEvent;

/// <summary>A citizen booked (confirmed) an appointment at an office for a procedure, through some channel.</summary>
public sealed record AppointmentBooked(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid AppointmentId,
    string AppointmentCode,
    string ProcedureCode,
    string OfficeId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt) : IIntegrationEvent;

/// <summary>An appointment was cancelled (by the citizen, by staff); its slot is free again.</summary>
public sealed record AppointmentCancelled(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid AppointmentId,
    string AppointmentCode,
    string ProcedureCode,
    string OfficeId,
    DateTimeOffset StartsAt,
    string? Reason) : IIntegrationEvent;

/// <summary>An appointment moved to another time; <c>Sequence</c> counts the moves (the iCalendar SEQUENCE).</summary>
public sealed record AppointmentRescheduled(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid AppointmentId,
    string AppointmentCode,
    string ProcedureCode,
    string OfficeId,
    DateTimeOffset PreviousStartsAt,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Sequence) : IIntegrationEvent;

/// <summary>The citizen did not check in within the grace period after the start: a no-show.</summary>
public sealed record AppointmentMissed(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid AppointmentId,
    string AppointmentCode,
    string ProcedureCode,
    string OfficeId,
    DateTimeOffset StartsAt) : IIntegrationEvent;

/// <summary>The citizen was attended at their appointment.</summary>
public sealed record AppointmentCompleted(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid AppointmentId,
    string AppointmentCode,
    string ProcedureCode,
    string OfficeId) : IIntegrationEvent;

/// <summary>A reminder of an appointment is due: messaging delivers it on <c>PreferredChannel</c> (empty when the
/// citizen chose none) in <c>Language</c> ("ca", "es", "en").</summary>
public sealed record AppointmentReminderDue(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid AppointmentId,
    string AppointmentCode,
    string ProcedureCode,
    string OfficeId,
    string OfficeAddress,
    DateTimeOffset StartsAt,
    string Language,
    string PreferredChannel) : IIntegrationEvent;

/// <summary>The office closed on the day of the appointment, so the council moved it to the nearest free slot for the
/// same procedure: at the same office on a later open day, or else at another office (<c>PreviousOfficeId</c> differs
/// from <c>OfficeId</c>). <c>Sequence</c> is the iCalendar SEQUENCE after the move. Messaging tells the citizen on
/// <c>PreferredChannel</c> (empty when they chose none) in <c>Language</c> ("ca", "es", "en").</summary>
public sealed record AppointmentMovedByClosure(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid AppointmentId,
    string AppointmentCode,
    string ProcedureCode,
    string PreviousOfficeId,
    string OfficeId,
    string OfficeAddress,
    DateTimeOffset PreviousStartsAt,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Sequence,
    DateOnly ClosedOn,
    string ClosureReason,
    string Language,
    string PreferredChannel) : IIntegrationEvent;

/// <summary>The office closed on the day of the appointment and no free slot for the procedure was left within the
/// booking horizon, at that office or any other: the council cancelled it. Messaging tells the citizen why and invites
/// them to book again, on <c>PreferredChannel</c> in <c>Language</c>.</summary>
public sealed record AppointmentCancelledByClosure(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid AppointmentId,
    string AppointmentCode,
    string ProcedureCode,
    string OfficeId,
    DateTimeOffset StartsAt,
    DateOnly ClosedOn,
    string ClosureReason,
    string Language,
    string PreferredChannel) : IIntegrationEvent;

/// <summary>A place for a procedure freed up at an office (a cancellation, a reschedule) and this citizen was first on
/// its waiting list: messaging tells them on <c>PreferredChannel</c> in <c>Language</c> that <c>StartsAt</c> is free
/// (first come, first served: the place is not held for them).</summary>
public sealed record WaitingListPlaceFreed(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string ProcedureCode,
    string OfficeId,
    DateTimeOffset StartsAt,
    string Language,
    string PreferredChannel) : IIntegrationEvent;

/// <summary>A citizen asked to be called back by phone at an agreed time (within phone-channel hours).</summary>
public sealed record CallbackRequested(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid CallbackId,
    DateTimeOffset CallAt,
    string? ProcedureCode,
    string? Topic) : IIntegrationEvent;

/// <summary>A phone agent made the agreed call: <c>Outcome</c> is "done" or "failed".</summary>
public sealed record CallbackCompleted(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid CallbackId,
    string Outcome,
    string? Note) : IIntegrationEvent;
