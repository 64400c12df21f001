using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Queues.AppointmentLine;
using Omnichannel.Queues.Procedures;
using Omnichannel.Queues.Tickets.Issuing;
using Omnichannel.Queues.WaitEstimates;

namespace Omnichannel.Queues.Tickets;

public static class TicketsApi
{
    public sealed record TicketReply(Guid TicketId, string OfficeId, DateOnly Day, string Number, string Line, string ProcedureCode,
        TicketStatus Status, string? DeskId, int Calls, WaitEstimate? Wait, DateTimeOffset IssuedAt, DateTimeOffset? AppointmentAt);

    public static RouteGroupBuilder MapTicketsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/queues/offices/{officeId}/tickets").WithTags("Tickets").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);
        api.MapPost("/", IssueTicket).WithName("IssueTicket")
            .WithSummary("Issues a walk-in ticket routed by the procedure's attention minutes (Point 0 ≤ 5, general ≤ 15, or the priority line). " +
                         "When the predicted wait is over the office's threshold, or the procedure needs an appointment, answers 409 with the next appointment slots instead.")
            .Validate<IssueTicketRequest>();
        api.MapGet("/{number}", GetTicket).WithName("GetTicket")
            .WithSummary("A ticket of today with its refreshed wait estimate (expected and optimistic minutes).");
        return api;
    }

    private static async Task<IResult> IssueTicket(string officeId, IssueTicketRequest request, OfficeDays days, IQuerySession session,
        ProcedureAttention attention, IAppointmentSlots slots, CancellationToken ct)
    {
        var office = await days.OfficeAsync(session, officeId, ct);
        var minutes = await attention.MinutesOf(request.ProcedureCode!, "procedureCode", ct);
        var ticketId = Guid.NewGuid();
        var result = await days.DecideAsync(officeId, day => IssueTicketDecision.Decide(
            new IssueTicket(ticketId, officeId, days.Today, request.ProcedureCode!, minutes, request.CitizenId, request.Channel!, request.Priority, days.Now), day, office), ct);

        if (result.Events.OfType<WalkInRefused>().FirstOrDefault() is { } refused)
        {
            var offered = await slots.NextSlotsAsync(officeId, request.ProcedureCode!, days.Now, 3, ct);
            var detail = refused.Reason == "needs-appointment"
                ? $"'{request.ProcedureCode}' takes about {minutes} minutes and is served by appointment."
                : $"The wait for the general line is now about {refused.PredictedWaitMinutes} minutes, over this office's {office.Rules.WalkInWaitThresholdMinutes}: an appointment is offered instead.";
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "No walk-in ticket: book an appointment.",
                extensions: new Dictionary<string, object?>
                {
                    ["reason"] = refused.Reason,
                    ["predictedWaitMinutes"] = refused.PredictedWaitMinutes,
                    ["appointmentSlots"] = offered,
                    ["appointmentSlotsKnown"] = offered is not null,
                });
        }

        var issued = result.Events.OfType<TicketIssued>().Single();
        return TypedResults.Created($"/api/queues/offices/{officeId}/tickets/{issued.Number}", Reply(result.State, result.State.Tickets[issued.Number], issued.Day, officeId, days.Now));
    }

    private static async Task<IResult> GetTicket(string officeId, string number, OfficeDays days, IQuerySession session, DateOnly? day, CancellationToken ct)
    {
        var date = day ?? days.Today;
        var (state, version) = await days.LoadAsync(session, officeId, date, ct);
        if (version == 0) throw Rejection.NotFound($"Office '{officeId}' has no tickets on {date:yyyy-MM-dd}.");
        return TypedResults.Ok(Reply(state, state.Ticket(number), date, officeId, days.Now));
    }

    public static TicketReply Reply(OfficeDay state, Ticket t, DateOnly day, string officeId, DateTimeOffset now) => new(
        t.TicketId, officeId, day, t.Number, t.Line, t.ProcedureCode, t.Status, t.DeskId, t.Calls,
        t.Status == TicketStatus.Waiting ? WaitEstimator.For(state, t.Line, t.Number, now) : null, t.IssuedAt, t.AppointmentAt);
}
