using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.EventStore;

namespace Omnichannel.Procedures.Campaigns.ClosingEarly;

/// <summary>POST /api/procedures/campaigns/{code}/early-closure (staff): the campaign ends today, the council's day.</summary>
public static class CloseCampaignEarlyEndpoint
{
    public static async Task<IResult> Handle(string code, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var command = new CloseCampaign(code, CouncilClock.Today(now), now, http.User.Subject());
        var result = await session.DecideAndAppendAsync(Campaign.StreamKey(code), Campaign.Initial, Campaign.Evolve,
            state => CampaignDecisions.Decide(command, state), ct);
        return TypedResults.Ok(new CampaignClosed(code, result.State.ClosesOn));
    }
}

/// <summary>What closing a campaign early answers: its new last open day.</summary>
public sealed record CampaignClosed(string Code, DateOnly ClosesOn);
