using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Queues.Lines;
using Omnichannel.Queues.Offices;
using Omnichannel.Queues.Tickets.Issuing;

namespace Omnichannel.Queues.Desks.OpeningAndClosing;

public sealed record OpenDeskRequest(IReadOnlyList<string>? Lines);

public sealed class OpenDeskRequestValidator : AbstractValidator<OpenDeskRequest>
{
    public OpenDeskRequestValidator()
    {
        RuleFor(r => r.Lines).NotEmpty().WithMessage("Say which lines the desk serves.");
        RuleForEach(r => r.Lines).Must(l => ServiceLines.All.Contains(l)).WithMessage($"Unknown line; use: {string.Join(", ", ServiceLines.All)}.");
    }
}

public sealed record OpenDesk(string DeskId, string Staff, IReadOnlyList<string> Lines, DateTimeOffset At);
public sealed record CloseDesk(string DeskId, string By, DateTimeOffset At);

public static class DeskDecisions
{
    public static IReadOnlyList<object> Decide(OpenDesk command, OfficeDay day, OfficeState office)
    {
        if (!office.Exists) throw Rejection.NotFound("There is no such office.");
        foreach (var line in command.Lines)
            if (!office.Has(line)) throw Rejection.Invalid("lines", $"This office has no {line} line.");
        var existing = day.Desks.GetValueOrDefault(command.DeskId);
        if (existing is { Open: true, Current: not null } && existing.Staff != command.Staff)
            throw Rejection.Conflict($"Desk '{command.DeskId}' is serving {existing.Current}; finish it first.");
        if (existing is { Open: true } && existing.Staff == command.Staff && existing.Lines.SequenceEqual(command.Lines)) return [];
        return [new DeskOpened(command.DeskId, command.Staff, command.Lines.Distinct().ToList(), command.At)];
    }

    public static IReadOnlyList<object> Decide(CloseDesk command, OfficeDay day)
    {
        var desk = day.OpenDesk(command.DeskId);
        if (desk.Current is not null) throw Rejection.Conflict($"Desk '{command.DeskId}' still has {desk.Current}: complete, transfer or mark it missed first.");
        // Tickets transferred to this desk and not yet called would wait for nobody: back to their lines, in their places.
        var returned = day.Reservations == 0 ? [] : day.AllWaiting.Where(t => t.ReservedForDesk == command.DeskId).OrderBy(t => t.Place)
            .Select(t => (object)new TicketReturnedToLine(t.TicketId, t.Number, t.Line, command.DeskId, command.At)).ToList();
        return IssueTicketDecision.WithNotices([.. returned, new DeskClosed(command.DeskId, command.By, command.At)], day, command.At);
    }
}

public static class OpeningAndClosingEndpoints
{
    public static async Task<IResult> Open(string officeId, string deskId, OpenDeskRequest request, OfficeDays days, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var office = await days.OfficeAsync(session, officeId, ct);
        return DeskReply.Of(deskId, await days.DecideAsync(officeId, day => DeskDecisions.Decide(new OpenDesk(deskId, http.User.Subject(), request.Lines!, days.Now), day, office), ct));
    }

    public static async Task<IResult> Close(string officeId, string deskId, OfficeDays days, HttpContext http, CancellationToken ct) =>
        DeskReply.Of(deskId, await days.DecideAsync(officeId, day => DeskDecisions.Decide(new CloseDesk(deskId, http.User.Subject(), days.Now), day), ct));
}
