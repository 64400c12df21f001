using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Queues.Desks.Serving;
using Omnichannel.Queues.Lines;
using Omnichannel.Queues.Offices;
using Omnichannel.Queues.Tickets.Issuing;

namespace Omnichannel.Queues.Desks.Transferring;

public sealed record TransferRequest(string? ToLine, string? ToDeskId);

public sealed class TransferRequestValidator : AbstractValidator<TransferRequest>
{
    public TransferRequestValidator()
    {
        RuleFor(r => r).Must(r => !string.IsNullOrWhiteSpace(r.ToLine) || !string.IsNullOrWhiteSpace(r.ToDeskId))
            .WithName("toLine").WithMessage("Say the line (toLine) or the desk (toDeskId) the ticket goes to.");
        RuleFor(r => r.ToLine).Must(l => l is null || ServiceLines.All.Contains(l)).WithMessage($"Unknown line; use: {string.Join(", ", ServiceLines.All)}.");
    }
}

public sealed record TransferTicket(string FromDeskId, string? ToLine, string? ToDeskId, DateTimeOffset At);

/// <summary>The desk sends its citizen to another line, or to a given desk (who calls them before anyone else);
/// the ticket keeps its place by the time it was issued.</summary>
public static class TransferDecision
{
    public static IReadOnlyList<object> Decide(TransferTicket command, OfficeDay day, OfficeState office)
    {
        var ticket = ServingDecisions.CurrentOf(day, command.FromDeskId);
        string line;
        if (command.ToDeskId is { } deskId)
        {
            var target = day.OpenDesk(deskId);
            if (deskId == command.FromDeskId) throw Rejection.Invalid("toDeskId", "That is this desk.");
            line = command.ToLine ?? (target.Lines.Contains(ticket.Line) ? ticket.Line : target.Lines[0]);
            if (!target.Lines.Contains(line)) throw Rejection.Invalid("toLine", $"Desk '{deskId}' does not serve the {line} line.");
        }
        else
        {
            line = command.ToLine!;
            if (!office.Has(line)) throw Rejection.NotFound($"This office has no {line} line.");
            if (line == ticket.Line) throw Rejection.Invalid("toLine", $"{ticket.Number} is already on the {line} line.");
        }

        var transferred = new TicketTransferred(ticket.TicketId, ticket.Number, ticket.Line, line, command.ToDeskId, ticket.CitizenId, ticket.Channel, command.FromDeskId, command.At);
        return IssueTicketDecision.WithNotices([transferred], day, command.At);
    }
}

public static class TransferTicketEndpoint
{
    public static async Task<IResult> Handle(string officeId, string deskId, TransferRequest request, OfficeDays days, IQuerySession session, CancellationToken ct)
    {
        var office = await days.OfficeAsync(session, officeId, ct);
        return DeskReply.Of(deskId, await days.DecideAsync(officeId, day => TransferDecision.Decide(new TransferTicket(deskId, request.ToLine, request.ToDeskId, days.Now), day, office), ct));
    }
}
