using Marten;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Watching;
using Omnichannel.Incidents.LookingUp;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Workflow.Closing;

public static class AutoCloseDecision
{
    /// <summary>Who closes an incident whose reopening period ran out.</summary>
    public const string By = "auto-close";

    /// <summary>A resolved incident closes once its reopening period is over, recorded at the instant the period ended
    /// (the citizen may reopen up to and including that instant). Anything else — reopened meanwhile, closed by staff,
    /// still in its period — stays as it is.</summary>
    public static IReadOnlyList<object> Decide(Incident state, DateTimeOffset now, TimeSpan reopenWithin)
    {
        if (!state.Exists || state.Status != IncidentStatus.Resolved || state.ResolvedAt is not { } resolvedAt) return [];
        var periodEnds = resolvedAt + reopenWithin;
        return now > periodEnds ? [new IncidentClosed(state.Ref, periodEnds, By)] : [];
    }
}

/// <summary>
/// Closes resolved incidents once their reopening period has passed, on <see cref="TimeProvider"/>: it sleeps until the
/// earliest period it knows of ends (or the watch interval), then closes at the stream's version read. Once: the decision
/// closes only a resolved incident, and the append fails for a second writer. Runs where the daemon runs.
/// </summary>
public sealed class AutoCloser(IDocumentStore store, SlaRulebook rulebook, TimeProvider clock, ILogger<AutoCloser> logger)
    : Watcher(clock, logger)
{
    private TimeSpan ReopenWithin => rulebook.Options.ReopenWithin;

    protected override TimeSpan Interval => rulebook.Options.WatchInterval;

    /// <summary>The first instant after the earliest reopening period ends, in any council.</summary>
    public override async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var next = await query.Query<IncidentView>().Where(i => i.AnyTenant() && i.Status == IncidentStatus.Resolved && i.ResolvedAt != null)
            .OrderBy(i => i.ResolvedAt).FirstOrDefaultAsync(ct);
        return next?.ResolvedAt + ReopenWithin + TimeSpan.FromTicks(1);
    }

    /// <summary>One pass over every council: closes every incident whose period has ended. Returns how many it closed.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var resolvedBy = now - ReopenWithin;
        List<(string Tenant, Guid IncidentId)> due;
        await using (var query = store.QuerySession())
        {
            var views = await query.Query<IncidentView>()
                .Where(i => i.AnyTenant() && i.Status == IncidentStatus.Resolved && i.ResolvedAt != null && i.ResolvedAt < resolvedBy)
                .OrderBy(i => i.ResolvedAt).Take(1000).ToListAsync(ct);
            due = views.Select(v => (v.TenantId!, v.IncidentId)).ToList();
        }

        var closed = 0;
        foreach (var (tenant, incidentId) in due)
        {
            try
            {
                using var context = RequestContext.Begin(tenant, null);
                await using var session = store.LightweightSession(tenant);
                var result = await session.DecideAndAppendAsync(Incident.StreamKey(incidentId), Incident.Initial, Incident.Evolve,
                    state => AutoCloseDecision.Decide(state, now, ReopenWithin), ct);
                if (result.Events.Count > 0) closed++;
            }
            catch (Exception e) when (LostRace.Is(e))
            {
                // Reopened, closed by staff or by another replica at the same moment: decided again on the next pass.
                Logger.LogDebug("Closing incident {IncidentId} lost a race; it looks again next pass", incidentId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Logger.LogWarning(e, "Could not close incident {IncidentId}; it will try again", incidentId);
            }
        }
        return closed;
    }
}
