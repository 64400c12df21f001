using Marten;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Watching;
using Omnichannel.Incidents.LookingUp;
using Omnichannel.Incidents.Model;

namespace Omnichannel.Incidents.Sla;

/// <summary>
/// The incidents' SLA clock, on <see cref="TimeProvider"/>: it sleeps until the earliest instant a clock runs out (or the
/// watch interval, for incidents reported meanwhile), then records the breach on the incident's stream. The outbox
/// publishes it. Exactly once: the decision breaches only a clock not breached yet, and the append is at the version
/// read, so a second pass, a second replica or a crash half-way adds nothing. Runs where the daemon runs.
/// </summary>
public sealed class SlaWatcher(IDocumentStore store, SlaRulebook rulebook, TimeProvider clock, ILogger<SlaWatcher> logger)
    : Watcher(clock, logger)
{
    protected override TimeSpan Interval => rulebook.Options.WatchInterval;

    /// <summary>The earliest instant an open incident's clock runs out, in any council.</summary>
    public override async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var next = await query.Query<IncidentView>().Where(i => i.AnyTenant() && i.NextBreachAt != null)
            .OrderBy(i => i.NextBreachAt).FirstOrDefaultAsync(ct);
        return next?.NextBreachAt;
    }

    /// <summary>One pass over every council: records every breach due by now. Returns how many incidents had one.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        List<(string Tenant, Guid IncidentId)> due;
        await using (var query = store.QuerySession())
        {
            var views = await query.Query<IncidentView>().Where(i => i.AnyTenant() && i.NextBreachAt != null && i.NextBreachAt <= now)
                .OrderBy(i => i.NextBreachAt).Take(1000).ToListAsync(ct);
            due = views.Select(v => (v.TenantId!, v.IncidentId)).ToList();
        }

        // After a weekend thousands are due at once: batches of one council's incidents, each batch one transaction (one
        // commit instead of one per incident), a few batches at a time. Every stream is appended at the version read, so
        // a batch with a stream that moved meanwhile (a step, another pass) writes nothing and is decided again one by one.
        var breached = 0;
        var batches = due.GroupBy(d => d.Tenant).SelectMany(g => g.Select(d => d.IncidentId).Chunk(BatchSize).Select(ids => (Tenant: g.Key, Ids: ids)));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = rulebook.Options.WatchParallelism, CancellationToken = ct },
            async (batch, token) =>
            {
                using var context = RequestContext.Begin(batch.Tenant, null);
                try
                {
                    Interlocked.Add(ref breached, await RecordAsync(batch.Tenant, batch.Ids, now, token));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Logger.LogDebug("An SLA watcher batch was refused ({Reason}); its incidents are decided one by one", e.GetType().Name);
                    foreach (var incidentId in batch.Ids)
                        if (await RecordOneAsync(batch.Tenant, incidentId, now, token)) Interlocked.Increment(ref breached);
                }
            });
        return breached;
    }

    /// <summary>Incidents recorded in one transaction (a pass's batch).</summary>
    private const int BatchSize = 50;

    /// <summary>Decides each incident of the batch and saves every breach in one transaction; returns how many.</summary>
    private async Task<int> RecordAsync(string tenant, Guid[] incidentIds, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        var count = 0;
        foreach (var incidentId in incidentIds)
        {
            var key = Incident.StreamKey(incidentId);
            var (state, version) = await session.LoadAsync(key, Incident.Initial, Incident.Evolve, ct);
            var events = BreachDecision.Decide(state, now);
            if (events.Count == 0 || version == 0) continue;
            session.Events.Append(key, version + events.Count, events);
            count++;
        }
        if (count > 0) await session.SaveChangesAsync(ct);
        return count;
    }

    /// <summary>One incident on its own: true when a breach was recorded.</summary>
    private async Task<bool> RecordOneAsync(string tenant, Guid incidentId, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await using var session = store.LightweightSession(tenant);
            var result = await session.DecideAndAppendAsync(Incident.StreamKey(incidentId), Incident.Initial, Incident.Evolve,
                state => BreachDecision.Decide(state, now), ct);
            return result.Events.Count > 0;
        }
        catch (Exception e) when (LostRace.Is(e))
        {
            // Another replica's pass, or a step taken at the same instant: decided again on the next pass, where the
            // breach is either recorded already or still due.
            Logger.LogDebug("The SLA watcher lost a race on incident {IncidentId}; it looks again next pass", incidentId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogWarning(e, "The SLA watcher could not record the breach of incident {IncidentId}; it will try again", incidentId);
        }
        return false;
    }
}
