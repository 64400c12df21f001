using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Queues.Desks.Serving;

public sealed record StartService(string DeskId, DateTimeOffset At);
public sealed record CompleteService(string DeskId, DateTimeOffset At);

public static class ServingEndpoints
{
    public static async Task<IResult> Start(string officeId, string deskId, OfficeDays days, CancellationToken ct) =>
        DeskReply.Of(deskId, await days.DecideAsync(officeId, day => ServingDecisions.Decide(new StartService(deskId, days.Now), day), ct));

    public static async Task<IResult> Complete(string officeId, string deskId, OfficeDays days, CancellationToken ct) =>
        DeskReply.Of(deskId, await days.DecideAsync(officeId, day => ServingDecisions.Decide(new CompleteService(deskId, days.Now), day), ct));
}

/// <summary>The citizen came to the desk (service starts); the desk finished (the actual service time is recorded).</summary>
public static class ServingDecisions
{
    public static IReadOnlyList<object> Decide(StartService command, OfficeDay day)
    {
        var ticket = CurrentOf(day, command.DeskId);
        if (ticket.Status != TicketStatus.Called) throw Rejection.Conflict($"{ticket.Number} is already being served.");
        return [new ServiceStarted(ticket.TicketId, ticket.Number, command.DeskId, command.At)];
    }

    public static IReadOnlyList<object> Decide(CompleteService command, OfficeDay day)
    {
        var ticket = CurrentOf(day, command.DeskId);
        if (ticket.Status != TicketStatus.InService)
            throw Rejection.Conflict($"{ticket.Number} is not in service: start the service when the citizen comes to the desk.");
        var wait = (ticket.FirstCalledAt!.Value - ticket.IssuedAt).TotalMinutes;
        var service = (command.At - ticket.StartedAt!.Value).TotalMinutes;
        return [new TicketServed(ticket.TicketId, ticket.Number, ticket.Line, ticket.ProcedureCode, ticket.CitizenId, ticket.Channel, command.DeskId,
            Math.Round(Math.Max(0, wait), 2), Math.Round(Math.Max(0, service), 2), command.At)];
    }

    public static Ticket CurrentOf(OfficeDay day, string deskId)
    {
        var desk = day.OpenDesk(deskId);
        return desk.Current is { } number ? day.Tickets[number] : throw Rejection.Conflict($"Desk '{deskId}' is not serving anyone.");
    }
}
