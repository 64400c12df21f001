using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Contracts;
using Omnichannel.Procedures.Campaigns;

namespace Omnichannel.Procedures.Catalogue.Browsing;

public sealed record ProcedurePage(IReadOnlyList<ProcedureView> Items, int Total, int Page, int PageSize);

/// <summary>Browsing the catalogue: a filtered, paged list, and one procedure with its ETag.</summary>
public static class BrowseCatalogueEndpoints
{
    public static async Task<Results<Ok<ProcedurePage>, ValidationProblem>> List(
        IQuerySession session, TimeProvider clock,
        string? channel, string? category, string? text,
        bool includeWithdrawn = false, bool includeOutOfSeason = false, int page = 1, int pageSize = 50,
        CancellationToken ct = default)
    {
        if (channel is not null && !Channels.IsKnown(channel))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["channel"] = [Channels.UnknownMessage] });
        // Each parameter named on its own; a page past 100000 would overflow the offset.
        if (page is < 1 or > 100_000) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page"] = ["Pages start at 1 (at most 100000)."] });
        if (pageSize is < 1 or > 500) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = ["Between 1 and 500."] });

        // A council's catalogue is a few hundred entries: filtering in memory keeps the accent-insensitive
        // matching in one place (ProcedureView.Matches) at no measurable cost.
        var all = await session.Query<ProcedureView>().ToListAsync(ct);
        var outOfSeason = includeOutOfSeason ? new HashSet<string>() : await OutOfSeasonProcedures(session, clock, ct);
        var matching = all
            .Where(p => includeWithdrawn || !p.Withdrawn)
            .Where(p => !outOfSeason.Contains(p.Code))
            .Where(p => channel is null || p.Channels.Contains(channel))
            .Where(p => category is null || p.Category == category)
            .Where(p => string.IsNullOrWhiteSpace(text) || p.Matches(text))
            .OrderBy(p => p.Names.Ca, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("ca-ES"), true))
            .ToList();
        return TypedResults.Ok(new ProcedurePage(matching.Skip((page - 1) * pageSize).Take(pageSize).ToList(), matching.Count, page, pageSize));
    }

    /// <summary>Procedures that belong only to campaigns that are not open today.</summary>
    internal static async Task<IReadOnlySet<string>> OutOfSeasonProcedures(IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var today = CouncilClock.Today(clock.GetUtcNow());
        var campaigns = await session.Query<CampaignView>().ToListAsync(ct);
        var open = campaigns.Where(c => c.IsOpenOn(today)).SelectMany(c => c.ProcedureCodes).ToHashSet();
        return campaigns.Where(c => !c.IsOpenOn(today)).SelectMany(c => c.ProcedureCodes).Where(code => !open.Contains(code)).ToHashSet();
    }

    public static async Task<IResult> One(string code, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var view = await session.LoadAsync<ProcedureView>(Procedure.StreamKey(code), ct)
            ?? throw Rejection.NotFound($"There is no procedure '{code}'.");
        response.Headers.ETag = Versioning.ETag(view.Version);
        return TypedResults.Ok(view);
    }
}
