namespace Omnichannel.Contracts.V1;

/// <summary>A citizen submitted a procedure (a case) through some channel.</summary>
public sealed record CaseSubmitted(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid CaseId,
    string TrackingCode,
    string ProcedureCode) : IIntegrationEvent;

/// <summary>A case moved to a new status (see the procedures service's case statuses).</summary>
public sealed record CaseStatusChanged(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid CaseId,
    string TrackingCode,
    string ProcedureCode,
    string Status,
    string? Note) : IIntegrationEvent;

/// <summary>A procedure was published or revised in the catalogue.</summary>
public sealed record ProcedurePublished(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string ProcedureCode,
    int Revision) : IIntegrationEvent;

/// <summary>A procedure was withdrawn from the catalogue.</summary>
public sealed record ProcedureWithdrawn(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    string ProcedureCode) : IIntegrationEvent;

/// <summary>An official notification of a case was put at its citizen's disposal (its text stays in procedures; a
/// notice only says there is one and where to read it). <c>Language</c>: the one it is written in (ca, es, en).</summary>
public sealed record NotificationIssued(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid CaseId,
    Guid NotificationId,
    string TrackingCode,
    string ProcedureCode,
    string Language) : IIntegrationEvent;

/// <summary>The citizen first accessed a notification (its delivery, Ley 39/2015 art. 43): <c>Channel</c> kiosk, online or
/// on-site (staff opened it for them at the desk).</summary>
public sealed record NotificationAccessed(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid CaseId,
    Guid NotificationId,
    string TrackingCode,
    string ProcedureCode) : IIntegrationEvent;
