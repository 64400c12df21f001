using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Procedures.Catalogue.Browsing;

namespace Omnichannel.Procedures.Campaigns;

public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/procedures/campaigns").WithTags("Campaigns").RequireAuthorization(OmnichannelRoles.AnyClientPolicy);

        api.MapGet("/", async (IQuerySession session, DateOnly? openOn, CancellationToken ct) =>
        {
            var campaigns = await session.Query<CampaignView>().ToListAsync(ct);
            return TypedResults.Ok(campaigns.Where(c => openOn is null || c.IsOpenOn(openOn.Value)).OrderBy(c => c.OpensOn).ToList());
        }).WithName("ListCampaigns").WithSummary("Seasonal campaigns, optionally only those open on a date.");

        api.MapPost("/", OpenCampaign).WithName("OpenCampaign")
            .WithSummary("Schedules a campaign over published procedures (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy).Validate<CampaignRequest>();

        api.MapPost("/{code}/early-closure", async (string code, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var command = new CloseCampaign(code, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Catalogue.CatalogueApi.Madrid).DateTime), now, http.User.Subject());
            var result = await session.DecideAndAppendAsync(Campaign.StreamKey(code), Campaign.Initial, Campaign.Evolve,
                state => CampaignDecisions.Decide(command, state), ct);
            return TypedResults.Ok(new { code, result.State.ClosesOn });
        }).WithName("CloseCampaignEarly").WithSummary("Ends a campaign today (staff).").RequireAuthorization(OmnichannelRoles.StaffPolicy);
        return api;
    }

    private static async Task<IResult> OpenCampaign(CampaignRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var published = (await session.Query<ProcedureView>().Where(p => !p.Withdrawn).Select(p => p.Code).ToListAsync(ct)).ToHashSet();
        var command = new OpenCampaign(request.Code!, request.Names!, request.ProcedureCodes!.Distinct().ToList(),
            request.OpensOn!.Value, request.ClosesOn!.Value, clock.GetUtcNow(), http.User.Subject());
        await session.DecideAndAppendAsync(Campaign.StreamKey(command.Code), Campaign.Initial, Campaign.Evolve,
            state => CampaignDecisions.Decide(command, state, published), ct);
        return TypedResults.Created($"/api/procedures/campaigns/{command.Code}", new { command.Code });
    }
}
