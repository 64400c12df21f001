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
