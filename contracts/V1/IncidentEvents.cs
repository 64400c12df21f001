namespace Omnichannel.Contracts.V1;

/// <summary>A question, a problem with an online procedure, a complaint, a suggestion or a technical incident was
/// reported through some channel; the reporter got <paramref name="IncidentCode"/> to follow it. No citizen when
/// reported anonymously (complaints and suggestions only).</summary>
public sealed record IncidentReported(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid IncidentId,
    string IncidentCode,
    string Kind,
    string? ProcedureCode) : IIntegrationEvent;

/// <summary>An incident took a step of its workflow (<c>triaged</c>, <c>assigned</c>, <c>information-requested</c>,
/// <c>information-provided</c>, <c>answered</c>, <c>escalated</c>, <c>resolved</c>, <c>reopened</c>, <c>closed</c>).
/// <paramref name="Message"/> is what the council told the citizen with it (a question, an answer, the resolution),
/// never a staff note.</summary>
public sealed record IncidentProgressed(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid IncidentId,
    string IncidentCode,
    string Step,
    string? Message) : IIntegrationEvent;

/// <summary>The citizen rated the handling of a resolved incident, 1 (very unsatisfied) to 5 (very satisfied), on
/// <paramref name="Channel"/>. The comment stays with the incidents service.</summary>
public sealed record IncidentRated(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid IncidentId,
    string IncidentCode,
    int Rating) : IIntegrationEvent;

/// <summary>An incident's SLA clock (<c>first-answer</c> or <c>resolution</c>) ran out: published once per clock,
/// <paramref name="OccurredAt"/> being the instant it was due. A staff alert: it names no citizen.</summary>
public sealed record IncidentSlaBreached(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid IncidentId,
    string IncidentCode,
    string Kind,
    string Clock,
    DateTimeOffset DueAt,
    string? Team) : IIntegrationEvent;
