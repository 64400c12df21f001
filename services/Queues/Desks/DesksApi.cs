using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Queues.Desks.CallingNext;
using Omnichannel.Queues.Desks.OpeningAndClosing;
using Omnichannel.Queues.Desks.Recalling;
using Omnichannel.Queues.Desks.Serving;
using Omnichannel.Queues.Desks.Transferring;

namespace Omnichannel.Queues.Desks;

/// <summary>What the staff member at a desk does. Every action is decided on the office's day stream,
/// appended at the version read and decided again if another desk appended first.</summary>
public static class DesksApi
{
    public static RouteGroupBuilder MapDesksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/queues/offices/{officeId}/desks").WithTags("Desks").RequireAuthorization(OmnichannelRoles.StaffPolicy);
        api.MapPut("/{deskId}", OpeningAndClosingEndpoints.Open).WithName("OpenDesk").WithSummary("Opens a desk for the signed-in staff member, serving the given lines.").Validate<OpenDeskRequest>()
            .Produces<DeskReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/{deskId}", OpeningAndClosingEndpoints.Close).WithName("CloseDesk")
            .WithSummary("Closes a desk that is not serving anyone; tickets transferred to it and not yet called go back to their lines, in their places.")
            .Produces<DeskReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{deskId}/call-next", CallNextEndpoint.Handle).WithName("CallNext")
            .WithSummary("Calls the next ticket for this desk: transferred to it, appointments at their time, priority, then the oldest walk-in. Two desks never get the same ticket.")
            .Produces<DeskReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{deskId}/recall", RecallingEndpoints.Recall).WithName("RecallTicket").WithSummary("Calls the desk's ticket again; past the office's maximum calls it becomes a no-show.")
            .Produces<DeskReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{deskId}/no-show", RecallingEndpoints.NoShow).WithName("MarkNoShow").WithSummary("The called citizen did not come: the ticket is missed and the desk is free.")
            .Produces<DeskReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{deskId}/start", ServingEndpoints.Start).WithName("StartService").WithSummary("The called citizen is at the desk.")
            .Produces<DeskReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{deskId}/complete", ServingEndpoints.Complete).WithName("CompleteService").WithSummary("The desk finished with its citizen; the actual service time is recorded.")
            .Produces<DeskReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{deskId}/transfer", TransferTicketEndpoint.Handle).WithName("TransferTicket")
            .WithSummary("Sends the desk's citizen to another line or desk; the statistics keep the ticket's original line and count the transfer.").Validate<TransferRequest>()
            .Produces<DeskReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
