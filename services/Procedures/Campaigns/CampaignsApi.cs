using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Procedures.Campaigns.Browsing;
using Omnichannel.Procedures.Campaigns.ClosingEarly;
using Omnichannel.Procedures.Campaigns.Opening;

namespace Omnichannel.Procedures.Campaigns;

/// <summary>The campaigns' routes; each handler lives in its use case's folder.</summary>
public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/procedures/campaigns").WithTags("Campaigns").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);

        api.MapGet("/", ListCampaignsEndpoint.Handle).WithName("ListCampaigns")
            .WithSummary("Seasonal campaigns, optionally only those open on a date.").Produces<List<CampaignView>>();
        api.MapPost("/", OpenCampaignEndpoint.Handle).WithName("OpenCampaign")
            .WithSummary("Schedules a campaign over published procedures (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<CampaignRequest>()
            .Produces<CampaignCode>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{code}/early-closure", CloseCampaignEarlyEndpoint.Handle).WithName("CloseCampaignEarly")
            .WithSummary("Ends a campaign today (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .Produces<CampaignClosed>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
