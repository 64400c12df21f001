using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Queues.Desks.CallingNext;
using Omnichannel.Queues.Desks.OpeningAndClosing;
using Omnichannel.Queues.Desks.Recalling;
using Omnichannel.Queues.Desks.Serving;
using Omnichannel.Queues.Transfers;

namespace Omnichannel.Queues.Desks;

/// <summary>What the staff member at a desk does. Every action is decided on the office's day stream,
/// appended at the version read and decided again if another desk appended first.</summary>
public static class DesksApi
{
    public sealed record DeskReply(string DeskId, bool Open, IReadOnlyList<string> Lines, string? Current, string? Line, int? Call, long Version);

    public static RouteGroupBuilder MapDesksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/queues/offices/{officeId}/desks").WithTags("Desks").RequireAuthorization(OmnichannelRoles.StaffPolicy);
        api.MapPut("/{deskId}", Open).WithName("OpenDesk").WithSummary("Opens a desk for the signed-in staff member, serving the given lines.").Validate<OpenDeskRequest>();
        api.MapDelete("/{deskId}", Close).WithName("CloseDesk").WithSummary("Closes a desk that is not serving anyone.");
        api.MapPost("/{deskId}/call-next", CallNext).WithName("CallNext")
            .WithSummary("Calls the next ticket for this desk: transferred to it, appointments at their time, priority, then the oldest walk-in. Two desks never get the same ticket.");
        api.MapPost("/{deskId}/recall", Recall).WithName("RecallTicket").WithSummary("Calls the desk's ticket again; past the office's maximum calls it becomes a no-show.");
        api.MapPost("/{deskId}/no-show", NoShow).WithName("MarkNoShow").WithSummary("The called citizen did not come: the ticket is missed and the desk is free.");
        api.MapPost("/{deskId}/start", Start).WithName("StartService").WithSummary("The called citizen is at the desk.");
        api.MapPost("/{deskId}/complete", Complete).WithName("CompleteService").WithSummary("The desk finished with its citizen; the actual service time is recorded.");
        api.MapPost("/{deskId}/transfer", Transfer).WithName("TransferTicket").WithSummary("Sends the desk's citizen to another line or desk.").Validate<TransferRequest>();
        return api;
    }

    private static async Task<IResult> Open(string officeId, string deskId, OpenDeskRequest request, OfficeDays days, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var office = await days.OfficeAsync(session, officeId, ct);
        return Reply(deskId, await days.DecideAsync(officeId, day => DeskDecisions.Decide(new OpenDesk(deskId, http.User.Subject(), request.Lines!, days.Now), day, office), ct));
    }

    private static async Task<IResult> Close(string officeId, string deskId, OfficeDays days, HttpContext http, CancellationToken ct) =>
        Reply(deskId, await days.DecideAsync(officeId, day => DeskDecisions.Decide(new CloseDesk(deskId, http.User.Subject(), days.Now), day), ct));

    private static async Task<IResult> CallNext(string officeId, string deskId, OfficeDays days, IQuerySession session, CancellationToken ct)
    {
        var office = await days.OfficeAsync(session, officeId, ct);
        return Reply(deskId, await days.DecideAsync(officeId, day => CallNextDecision.Decide(new CallNext(deskId, days.Now), day, office.Rules), ct));
    }

    private static async Task<IResult> Recall(string officeId, string deskId, OfficeDays days, IQuerySession session, CancellationToken ct)
    {
        var office = await days.OfficeAsync(session, officeId, ct);
        return Reply(deskId, await days.DecideAsync(officeId, day => RecallDecisions.Decide(new Recall(deskId, days.Now), day, office.Rules), ct));
    }

    private static async Task<IResult> NoShow(string officeId, string deskId, OfficeDays days, CancellationToken ct) =>
        Reply(deskId, await days.DecideAsync(officeId, day => RecallDecisions.Decide(new MarkNoShow(deskId, days.Now), day), ct));

    private static async Task<IResult> Start(string officeId, string deskId, OfficeDays days, CancellationToken ct) =>
        Reply(deskId, await days.DecideAsync(officeId, day => ServingDecisions.Decide(new StartService(deskId, days.Now), day), ct));

    private static async Task<IResult> Complete(string officeId, string deskId, OfficeDays days, CancellationToken ct) =>
        Reply(deskId, await days.DecideAsync(officeId, day => ServingDecisions.Decide(new CompleteService(deskId, days.Now), day), ct));

    private static async Task<IResult> Transfer(string officeId, string deskId, TransferRequest request, OfficeDays days, IQuerySession session, CancellationToken ct)
    {
        var office = await days.OfficeAsync(session, officeId, ct);
        return Reply(deskId, await days.DecideAsync(officeId, day => TransferDecision.Decide(new TransferTicket(deskId, request.ToLine, request.ToDeskId, days.Now), day, office), ct));
    }

    private static IResult Reply(string deskId, BuildingBlocks.EventStore.StreamAppends.Decided<OfficeDay> result)
    {
        var desk = result.State.Desks[deskId];
        var current = desk.Current is { } number ? result.State.Tickets[number] : null;
        return TypedResults.Ok(new DeskReply(deskId, desk.Open, desk.Lines, desk.Current, current?.Line, current?.Calls, result.Version));
    }
}
