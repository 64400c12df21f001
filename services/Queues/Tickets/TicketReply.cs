using Omnichannel.Queues.WaitEstimates;

namespace Omnichannel.Queues.Tickets;

/// <summary>A ticket as the citizen's channel shows it; <c>Wait</c> only while it waits (see <see cref="WaitEstimate"/>).</summary>
public sealed record TicketReply(Guid TicketId, string OfficeId, DateOnly Day, string Number, string Line, string ProcedureCode,
    TicketStatus Status, string? DeskId, int Calls, WaitEstimate? Wait, DateTimeOffset IssuedAt, DateTimeOffset? AppointmentAt)
{
    public static TicketReply Of(OfficeDay state, Ticket t, DateOnly day, string officeId, DateTimeOffset now) => new(
        t.TicketId, officeId, day, t.Number, t.Line, t.ProcedureCode, t.Status, t.DeskId, t.Calls,
        t.Status == TicketStatus.Waiting ? WaitEstimator.For(state, t.Line, t.Number, now) : null, t.IssuedAt, t.AppointmentAt);
}
