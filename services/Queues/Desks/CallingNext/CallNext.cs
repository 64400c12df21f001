using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Queues.Lines;
using Omnichannel.Queues.Offices;
using Omnichannel.Queues.Tickets.Issuing;

namespace Omnichannel.Queues.Desks.CallingNext;

public sealed record CallNext(string DeskId, DateTimeOffset At);

/// <summary>
/// Which ticket a desk calls next, among the lines it serves: first a ticket transferred to this very desk,
/// then appointments whose time has come (earliest appointment first), then the priority line, then the
/// walk-in lines together, oldest first (fairness between Point 0 and the general line). An appointment
/// whose time has not come waits even if the desk is idle.
/// </summary>
public static class CallNextEndpoint
{
    public static async Task<IResult> Handle(string officeId, string deskId, OfficeDays days, IQuerySession session, CancellationToken ct)
    {
        var office = await days.OfficeAsync(session, officeId, ct);
        return DeskReply.Of(deskId, await days.DecideAsync(officeId, day => CallNextDecision.Decide(new CallNext(deskId, days.Now), day, office.Rules), ct));
    }
}

public static class CallNextDecision
{
    public static IReadOnlyList<object> Decide(CallNext command, OfficeDay day, OfficeRules rules)
    {
        var desk = day.OpenDesk(command.DeskId);
        if (desk.Current is not null)
            throw Rejection.Conflict($"Desk '{command.DeskId}' already has {desk.Current}: complete, transfer or mark it missed before calling the next one.");
        var next = Next(day, desk, command.At, rules)
            ?? throw Rejection.Conflict("Nobody is waiting in the lines this desk serves.");
        var called = new TicketCalled(next.TicketId, next.Number, next.Line, next.ProcedureCode, next.CitizenId, next.Channel, desk.DeskId, 1, command.At);
        return IssueTicketDecision.WithNotices([called], day, command.At);
    }

    public static Ticket? Next(OfficeDay day, Desk desk, DateTimeOffset now, OfficeRules rules)
    {
        // Only each line's head matters (lines are kept in order); the full lines are scanned only while some
        // ticket is reserved for a desk, which transfers to a desk make rare.
        if (day.Reservations > 0)
        {
            var reserved = desk.Lines.SelectMany(day.WaitingIn).Where(t => t.ReservedForDesk == desk.DeskId).MinBy(t => t.Place);
            if (reserved is not null) return reserved;
        }

        Ticket? Head(string line) => desk.Lines.Contains(line) ? day.WaitingIn(line).FirstOrDefault(t => t.ReservedForDesk is null) : null;

        var due = now.AddMinutes(rules.AppointmentCallAheadMinutes);
        if (Head(ServiceLines.Appointment) is { } appointment && appointment.AppointmentAt <= due) return appointment;
        if (Head(ServiceLines.Priority) is { } priority) return priority;
        return desk.Lines.Where(l => l is not (ServiceLines.Appointment or ServiceLines.Priority))
            .Select(Head).Where(t => t is not null).MinBy(t => t!.Place);
    }
}
