namespace Omnichannel.Contracts.V1;

/// <summary>A ticket was issued at an office: at the welcome desk, at a kiosk, remotely by chat (a virtual
/// ticket) or on check-in of an appointment. <c>Line</c> is point0, general, priority or appointment;
/// <c>Number</c> is what the display shows ("P-001"); <c>ExpectedWaitMinutes</c> is null while no open desk serves
/// the line (nobody can say how long, and it is never "0 minutes").</summary>
public sealed record TicketIssued(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid TicketId,
    string OfficeId,
    string Line,
    string Number,
    string ProcedureCode,
    int? ExpectedWaitMinutes,
    Guid? AppointmentId) : IIntegrationEvent;

/// <summary>A desk called a ticket (<c>Call</c> 1 the first time, 2… for recalls).</summary>
public sealed record TicketCalled(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid TicketId,
    string OfficeId,
    string Line,
    string Number,
    string ProcedureCode,
    string DeskId,
    int Call) : IIntegrationEvent;

/// <summary>A ticket was served to the end at a desk, with the minutes waited and the minutes of service.</summary>
public sealed record TicketServed(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid TicketId,
    string OfficeId,
    string Line,
    string Number,
    string ProcedureCode,
    string DeskId,
    double WaitMinutes,
    double ServiceMinutes) : IIntegrationEvent;

/// <summary>A ticket was sent to another line, or to a given desk, and waits again there.</summary>
public sealed record TicketTransferred(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid TicketId,
    string OfficeId,
    string Number,
    string FromLine,
    string ToLine,
    string? ToDeskId) : IIntegrationEvent;

/// <summary>The citizen did not come after being called <c>Calls</c> times: the ticket is closed as a no-show.</summary>
public sealed record TicketMissed(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid TicketId,
    string OfficeId,
    string Line,
    string Number,
    string ProcedureCode,
    int Calls) : IIntegrationEvent;

/// <summary>A virtual ticket (issued by chat) is now first in its line: messaging tells the citizen
/// on the channel the ticket came from that it is their turn next.</summary>
public sealed record TicketHolderIsNext(
    string TenantId,
    DateTimeOffset OccurredAt,
    Guid? CitizenId,
    string? Channel,
    Guid TicketId,
    string OfficeId,
    string Line,
    string Number) : IIntegrationEvent;
