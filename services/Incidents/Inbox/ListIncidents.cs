using Omnichannel.BuildingBlocks.Vocabulary;
using Omnichannel.Contracts;
using Marten;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Incidents.LookingUp;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Inbox;

/// <summary>Where an incident stands against its SLA clocks, now.</summary>
public enum SlaState
{
    /// <summary>No clock ran out and none runs out within the at-risk window (or none is counting).</summary>
    OnTime,
    /// <summary>A clock runs out within the at-risk window.</summary>
    AtRisk,
    /// <summary>A clock ran out (recorded by the watcher, or due already and about to be).</summary>
    Breached,
}

/// <summary>One line of the staff inbox.</summary>
public sealed record InboxItem(Guid IncidentId, string Code, string Kind, string Channel, IncidentStatus Status, string? Category, string? Priority,
    string? Team, string? Agent, DateTimeOffset ReportedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FirstAnswerDueAt, DateTimeOffset? ResolutionDueAt,
    DateTimeOffset? NextDueAt, bool Breached, SlaState SlaState)
{
    public static InboxItem Of(IncidentView v, DateTimeOffset now, TimeSpan atRiskWithin) => new(v.IncidentId, v.Code, v.Kind, v.Channel, v.Status,
        v.Category, v.Priority, v.Team, v.Agent, v.ReportedAt, v.UpdatedAt, v.Sla.FirstAnswer?.DueAt, v.Sla.Resolution?.DueAt, v.NextDueAt, v.Breached,
        StateOf(v.Breached, v.NextBreachAt, now, atRiskWithin));

    /// <summary>The one definition of the SLA states, which the inbox's filter translates to a query.</summary>
    public static SlaState StateOf(bool breached, DateTimeOffset? nextBreachAt, DateTimeOffset now, TimeSpan atRiskWithin) =>
        breached || nextBreachAt <= now ? SlaState.Breached
        : nextBreachAt <= now + atRiskWithin ? SlaState.AtRisk
        : SlaState.OnTime;
}

public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int Total, int Page, int PageSize);

/// <summary>The staff inbox: filtered and paged, soonest SLA due first (incidents whose clocks are not counting last).</summary>
public static class ListIncidentsEndpoints
{
    /// <param name="sla">on-time, at-risk or breached (see <see cref="SlaState"/>).</param>
    /// <param name="text">Words the description contains, any case.</param>
    public static async Task<IResult> Inbox(IQuerySession session, SlaRulebook rulebook, TimeProvider clock, string? status, string? kind, string? team,
        string? channel, string? sla, string? text, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        IncidentStatus? wanted = null;
        if (status is not null)
        {
            if (!WireEnum.TryParse<IncidentStatus>(status, out var parsed))
                return ProblemHandling.InvalidField("status", $"Unknown status; use one of: {string.Join(", ", WireEnum.All<IncidentStatus>())}.");
            wanted = parsed;
        }
        if (kind is not null && !IncidentKinds.All.Contains(kind))
            return ProblemHandling.InvalidField("kind", $"Unknown kind; use one of: {string.Join(", ", IncidentKinds.All)}.");
        if (channel is not null && !Channels.IsKnown(channel))
            return ProblemHandling.InvalidField("channel", Channels.UnknownMessage);
        SlaState? wantedSla = null;
        if (sla is not null)
        {
            if (!WireEnum.TryParse<SlaState>(sla, out var parsed))
                return ProblemHandling.InvalidField("sla", $"Unknown SLA state; use one of: {string.Join(", ", WireEnum.All<SlaState>())}.");
            wantedSla = parsed;
        }
        var words = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (words is { Length: > 200 }) return ProblemHandling.InvalidField("text", "At most 200 characters.");
        if (page is < 1 or > 100_000) return ProblemHandling.InvalidField("page", "Pages start at 1 (at most 100000).");
        if (pageSize is < 1 or > 200) return ProblemHandling.InvalidField("pageSize", "Between 1 and 200.");

        var query = session.Query<IncidentView>().AsQueryable();
        if (wanted is { } s) query = query.Where(i => i.Status == s);
        if (kind is not null) query = query.Where(i => i.Kind == kind);
        if (team is not null) query = query.Where(i => i.Team == team);
        if (channel is not null) query = query.Where(i => i.Channel == channel);
        var now = clock.GetUtcNow();
        var horizon = now + rulebook.Options.AtRiskWithin;
        query = wantedSla switch
        {
            SlaState.Breached => query.Where(i => i.Breached || (i.NextBreachAt != null && i.NextBreachAt <= now)),
            SlaState.AtRisk => query.Where(i => !i.Breached && i.NextBreachAt != null && i.NextBreachAt > now && i.NextBreachAt <= horizon),
            SlaState.OnTime => query.Where(i => !i.Breached && (i.NextBreachAt == null || i.NextBreachAt > horizon)),
            _ => query,
        };
        if (words is not null) query = query.Where(i => i.Description.Contains(words, StringComparison.OrdinalIgnoreCase));
        var total = await query.CountAsync(ct);
        // PostgreSQL sorts nulls last in ascending order: incidents with no running clock come after every due one.
        var views = await query.OrderBy(i => i.NextDueAt).ThenBy(i => i.ReportedAt).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new InboxPage(views.Select(v => InboxItem.Of(v, now, rulebook.Options.AtRiskWithin)).ToList(), total, page, pageSize));
    }

    /// <summary>Open incidents a clock of which runs out within the at-risk window (and has not yet).</summary>
    public static async Task<IResult> AtRisk(IQuerySession session, SlaRulebook rulebook, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now + rulebook.Options.AtRiskWithin;
        var views = await session.Query<IncidentView>()
            .Where(i => i.NextBreachAt != null && i.NextBreachAt <= horizon)
            .OrderBy(i => i.NextBreachAt).Take(500).ToListAsync(ct);
        return TypedResults.Ok(views.Select(v => InboxItem.Of(v, now, rulebook.Options.AtRiskWithin)).ToList());
    }

    /// <summary>Open incidents with a clock that ran out.</summary>
    public static async Task<IResult> Breached(IQuerySession session, SlaRulebook rulebook, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var views = await session.Query<IncidentView>()
            .Where(i => i.Breached && i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed)
            .OrderBy(i => i.NextDueAt).Take(500).ToListAsync(ct);
        return TypedResults.Ok(views.Select(v => InboxItem.Of(v, now, rulebook.Options.AtRiskWithin)).ToList());
    }
}
