using Marten;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.BuildingBlocks.Vocabulary;
using Omnichannel.Contracts;
using Omnichannel.Procedures.Cases.Tracking;

namespace Omnichannel.Procedures.Cases.Listing;

/// <summary>One line of the back office's case inbox: what to pick a case by, without the citizen's summary or the
/// staff notes (those are read one case at a time, and that read is logged).</summary>
public sealed record CaseInboxItem(Guid CaseId, string TrackingCode, string ProcedureCode, string Channel, CaseStatus Status,
    DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, long Version);

public sealed record CaseInboxPage(IReadOnlyList<CaseInboxItem> Items, int Total, int Page, int PageSize);

/// <summary>GET /api/procedures/cases (staff): the case inbox, filtered by status, procedure and channel, oldest
/// waiting first (the longest-untouched case is the one to pick up).</summary>
public static class ListCasesEndpoint
{
    public static async Task<IResult> Handle(IQuerySession session, string? status, string? procedureCode, string? channel,
        int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        CaseStatus? wanted = null;
        if (status is not null)
        {
            if (!WireEnum.TryParse<CaseStatus>(status, out var parsed))
                return ProblemHandling.InvalidField("status", $"Unknown status; use one of: {string.Join(", ", WireEnum.All<CaseStatus>())}.");
            wanted = parsed;
        }
        if (procedureCode is { Length: > 100 }) return ProblemHandling.InvalidField("procedureCode", "At most 100 characters.");
        if (channel is not null && !Channels.IsKnown(channel)) return ProblemHandling.InvalidField("channel", Channels.UnknownMessage);
        if (page is < 1 or > 100_000) return ProblemHandling.InvalidField("page", "Pages start at 1 (at most 100000).");
        if (pageSize is < 1 or > 200) return ProblemHandling.InvalidField("pageSize", "Between 1 and 200.");

        var query = session.Query<CaseView>().AsQueryable();
        if (wanted is { } s) query = query.Where(c => c.Status == s);
        if (procedureCode is { Length: > 0 } code) query = query.Where(c => c.ProcedureCode == code);
        if (channel is not null) query = query.Where(c => c.Channel == channel);
        var total = await query.CountAsync(ct);
        var views = await query.OrderBy(c => c.UpdatedAt).ThenBy(c => c.SubmittedAt).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new CaseInboxPage(
            views.Select(v => new CaseInboxItem(v.CaseId, v.TrackingCode, v.ProcedureCode, v.Channel, v.Status, v.SubmittedAt, v.UpdatedAt, v.Version)).ToList(),
            total, page, pageSize));
    }
}
