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
