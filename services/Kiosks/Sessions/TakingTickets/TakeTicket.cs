using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Queues.V1;
using Omnichannel.Kiosks.Access;
using Omnichannel.Kiosks.Neighbours;

namespace Omnichannel.Kiosks.Sessions.TakingTickets;

/// <summary>The citizen's need at the kiosk: the procedure they came for; <c>priority</c> for the priority line.</summary>
public sealed record TakeTicketRequest(string? ProcedureCode, bool Priority = false);

public sealed class TakeTicketRequestValidator : AbstractValidator<TakeTicketRequest>
{
    public TakeTicketRequestValidator() =>
        RuleFor(r => r.ProcedureCode).NotEmpty().MaximumLength(60).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("A procedure code, e.g. 'census-certificate'.");
}

/// <summary>The ticket the kiosk prints or shows. <c>expectedWaitMinutes</c> null when no open desk serves its line yet.</summary>
public sealed record TakenTicket(string Number, string OfficeId, string Day, string Line, string ProcedureCode, int Ahead, int? ExpectedWaitMinutes, DateTimeOffset IssuedAt);

public static class TakeTicketEndpoint
{
    public static async Task<IResult> Handle(string kioskId, Guid sessionId, TakeTicketRequest request, IDocumentSession session, IServiceProvider services,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var own = KioskIdentity.Of(http.User)!;
        var key = SessionsState.StreamKey(own.KioskId);
        var (state, _) = await session.LoadAsync(key, SessionsState.Initial, SessionsState.Evolve, ct);
        var open = SessionDecisions.Open(state, sessionId);

        // The office is the kiosk's own, from its token: a kiosk hands out tickets only for the building it stands in.
        var queues = NeighbourCalls.Require<TicketDispenser.TicketDispenserClient>(services, "queues");
        var reply = await NeighbourCalls.CallAsync("queues", async () => await queues.IssueTicketAsync(new IssueTicketRequest
        {
            OfficeId = own.OfficeId, ProcedureCode = request.ProcedureCode!, Channel = Channels.Kiosk, CitizenId = open.CitizenId?.ToString() ?? "",
            Priority = request.Priority,
        }, cancellationToken: ct), ct);

        if (reply.OutcomeCase == IssueTicketReply.OutcomeOneofCase.Refusal)
            return Refused(reply.Refusal);

        var ticket = reply.Ticket;
        var command = new RecordAction(own.KioskId, sessionId, SessionAction.TicketTaken, ticket.Number, clock.GetUtcNow(), IssuedWhileOpen: true);
        await session.DecideAndAppendAsync(key, SessionsState.Initial, SessionsState.Evolve, s => SessionDecisions.Decide(command, s), ct);
        return TypedResults.Created($"/api/kiosks/{own.KioskId}/tickets/{ticket.Number}", Of(ticket));
    }

    internal static TakenTicket Of(Ticket t) => new(t.Number, t.OfficeId, t.Day, t.Line, t.ProcedureCode, t.Ahead,
        t.HasExpectedWait ? t.ExpectedWaitMinutes : null, DateTimeOffset.Parse(t.IssuedAt, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>409 with <c>reason</c> (needs-appointment, wait-too-long, office-closed): the kiosk offers to book instead,
    /// or says when the office opens (<c>nextOpening</c>).</summary>
    private static IResult Refused(TicketRefusal refusal) => TypedResults.Problem(
        refusal.Reason switch
        {
            "office-closed" => "The office is closed now: no walk-in tickets.",
            "needs-appointment" => "This procedure is served by appointment: book one at this kiosk.",
            _ => $"The wait is now about {refusal.PredictedWaitMinutes} minutes: an appointment is offered instead.",
        },
        statusCode: StatusCodes.Status409Conflict, title: "No walk-in ticket.",
        extensions: new Dictionary<string, object?>
        {
            ["reason"] = refusal.Reason,
            ["predictedWaitMinutes"] = refusal.PredictedWaitMinutes,
            ["nextOpening"] = refusal.NextOpening.Length == 0 ? null : refusal.NextOpening,
        });
}

/// <summary>A ticket of the kiosk's office, looked up again (its place and wait now).</summary>
public static class GetTicketEndpoint
{
    public static async Task<IResult> Handle(string kioskId, string number, IServiceProvider services, HttpContext http, CancellationToken ct)
    {
        var own = KioskIdentity.Of(http.User);
        var officeId = own?.OfficeId ?? throw BuildingBlocks.Domain.Rejection.Invalid("kioskId", "Only a kiosk looks up its office's tickets here.");
        var queues = NeighbourCalls.Require<TicketDispenser.TicketDispenserClient>(services, "queues");
        var ticket = await NeighbourCalls.CallAsync("queues", async () =>
            await queues.GetTicketAsync(new GetTicketRequest { OfficeId = officeId, Number = number }, cancellationToken: ct), ct);
        return TypedResults.Ok(TakeTicketEndpoint.Of(ticket));
    }
}
