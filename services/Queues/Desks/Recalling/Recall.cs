using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Queues.Desks.Serving;
using Omnichannel.Queues.Lines;

namespace Omnichannel.Queues.Desks.Recalling;

public sealed record Recall(string DeskId, DateTimeOffset At);
public sealed record MarkNoShow(string DeskId, DateTimeOffset At);

public static class RecallingEndpoints
{
    public static async Task<IResult> Recall(string officeId, string deskId, OfficeDays days, IQuerySession session, CancellationToken ct)
    {
        var office = await days.OfficeAsync(session, officeId, ct);
        return DeskReply.Of(deskId, await days.DecideAsync(officeId, day => RecallDecisions.Decide(new Recall(deskId, days.Now), day, office.Rules), ct));
    }

    public static async Task<IResult> NoShow(string officeId, string deskId, OfficeDays days, CancellationToken ct) =>
        DeskReply.Of(deskId, await days.DecideAsync(officeId, day => RecallDecisions.Decide(new MarkNoShow(deskId, days.Now), day), ct));
}

/// <summary>The called citizen has not come: call again, up to the office's maximum calls; one more recall
/// after that closes the ticket as a no-show (missed), and frees the desk.</summary>
public static class RecallDecisions
{
    public static IReadOnlyList<object> Decide(Recall command, OfficeDay day, OfficeRules rules)
    {
        var ticket = ServingDecisions.CurrentOf(day, command.DeskId);
        if (ticket.Status != TicketStatus.Called) throw Rejection.Conflict($"{ticket.Number} is already at the desk.");
        if (ticket.Calls >= rules.MaxCalls) return Missed(ticket, command.DeskId, command.At);
        return [new TicketCalled(ticket.TicketId, ticket.Number, ticket.Line, ticket.ProcedureCode, ticket.CitizenId, ticket.Channel, command.DeskId, ticket.Calls + 1, command.At)];
    }

    public static IReadOnlyList<object> Decide(MarkNoShow command, OfficeDay day)
    {
        var ticket = ServingDecisions.CurrentOf(day, command.DeskId);
        if (ticket.Status != TicketStatus.Called) throw Rejection.Conflict($"{ticket.Number} came to the desk: complete it instead.");
        return Missed(ticket, command.DeskId, command.At);
    }

    private static IReadOnlyList<object> Missed(Ticket ticket, string deskId, DateTimeOffset at) =>
        [new TicketMissed(ticket.TicketId, ticket.Number, ticket.Line, ticket.ProcedureCode, ticket.CitizenId, ticket.Channel, deskId, ticket.Calls, at)];
}
