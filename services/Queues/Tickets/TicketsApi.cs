using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Queues.Tickets.Issuing;
using Omnichannel.Queues.Tickets.Reading;

namespace Omnichannel.Queues.Tickets;

public static class TicketsApi
{
    public static RouteGroupBuilder MapTicketsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/queues/offices/{officeId}/tickets").WithTags("Tickets").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);
        api.MapPost("/", IssueTicketEndpoint.Handle).WithName("IssueTicket")
            .WithSummary("Issues a walk-in ticket routed by the procedure's attention minutes (Point 0 ≤ 5, general ≤ 15, or the priority line). " +
                         "When the predicted wait is over the office's threshold, or the procedure needs an appointment, answers 409 with the next appointment slots at this office instead. " +
                         "While the office is closed (opening hours, holidays, closure days) answers 409 with reason office-closed and nextOpening.")
            .Validate<IssueTicketRequest>()
            .Produces<TicketReply>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).DescribesTicketRefusal();
        api.MapGet("/{number}", GetTicketEndpoint.Handle).WithName("GetTicket").RecordsPersonalDataRead("ticket")
            .WithSummary("A ticket of today (or ?day=yyyy-MM-dd) with its refreshed wait estimate (expected and optimistic minutes; null with unknown: no-open-desk while no open desk serves its line).")
            .Produces<TicketReply>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
