using Marten;

namespace Omnichannel.Procedures.Campaigns.Browsing;

/// <summary>GET /api/procedures/campaigns: the seasonal campaigns, optionally only those open on a date.</summary>
public static class ListCampaignsEndpoint
{
    public static async Task<IResult> Handle(IQuerySession session, DateOnly? openOn, CancellationToken ct)
    {
        var campaigns = await session.Query<CampaignView>().ToListAsync(ct);
        return TypedResults.Ok(campaigns.Where(c => openOn is null || c.IsOpenOn(openOn.Value)).OrderBy(c => c.OpensOn).ToList());
    }
}
