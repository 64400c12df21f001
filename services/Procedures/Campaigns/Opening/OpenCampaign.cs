using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Procedures.Catalogue.Browsing;

namespace Omnichannel.Procedures.Campaigns.Opening;

/// <summary>POST /api/procedures/campaigns (staff): a campaign over published procedures. The request, its validator and
/// the decision are with the campaign (<see cref="CampaignRequest"/>, <see cref="CampaignDecisions"/>).</summary>
public static class OpenCampaignEndpoint
{
    public static async Task<IResult> Handle(CampaignRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var published = (await session.Query<ProcedureView>().Where(p => !p.Withdrawn).Select(p => p.Code).ToListAsync(ct)).ToHashSet();
        var command = new OpenCampaign(request.Code!, request.Names!, request.ProcedureCodes!.Distinct().ToList(),
            request.OpensOn!.Value, request.ClosesOn!.Value, clock.GetUtcNow(), http.User.Subject());
        await session.DecideAndAppendAsync(Campaign.StreamKey(command.Code), Campaign.Initial, Campaign.Evolve,
            state => CampaignDecisions.Decide(command, state, published), ct);
        return TypedResults.Created($"/api/procedures/campaigns/{command.Code}", new CampaignCode(command.Code));
    }
}

/// <summary>What opening a campaign answers: its code.</summary>
public sealed record CampaignCode(string Code);
