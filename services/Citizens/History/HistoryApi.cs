using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.Citizens.History;

public static class HistoryApi
{
    public static RouteGroupBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/citizens").WithTags("History").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);
        api.MapGet("/{citizenId:guid}/history", TimelineEndpoint.Handle).WithName("GetCitizenHistory").RecordsPersonalDataRead("citizen-history", sensitive: true)
            .WithSummary("The citizen's interactions across every channel, newest first, in their language (or ?lang=).")
            .Produces<TimelineEndpoint.TimelinePage>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
