using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.OfficeDirectory;

namespace Omnichannel.Kiosks.Health.Offline;

/// <summary>
/// Marks online kiosks offline when they missed heartbeats while their building was open
/// (<see cref="HealthDecisions.DecideOffline"/>), in the kiosk watch's loop (<see cref="Watch.KioskWatch"/>, every <c>Kiosks:WatchIntervalSeconds</c>, one replica at a time) on the registered
/// <see cref="TimeProvider"/>. A kiosk comes back online with its next heartbeat. Runs where the daemon runs; two
/// replicas deciding on the same kiosk make one save fail (optimistic concurrency), and the next pass looks again.
/// </summary>
public sealed class OfflineWatcher(IDocumentStore store, IBusinessCalendars calendars, IOptions<KioskOptions> options, TimeProvider clock)
{
    /// <summary>One pass over every council's online kiosks; how many it marked offline.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var after = TimeSpan.FromSeconds(options.Value.OfflineAfterSeconds);
        IReadOnlyList<KioskHealthDocument> online;
        await using (var query = store.QuerySession())
            online = await query.Query<KioskHealthDocument>().Where(d => d.AnyTenant()).Where(d => d.Connection == Connection.Online).ToListAsync(ct);

        var marked = 0;
        foreach (var council in online.GroupBy(d => d.Council))
        {
            using var scope = RequestContext.Begin(council.Key, null);
            await using var session = store.LightweightSession(council.Key);
            var offices = (await session.LoadManyAsync<DirectoryOffice>(ct, council.Select(d => d.OfficeId).Distinct().ToArray())).ToDictionary(o => o.Id);
            var markedHere = 0;
            // Read again in the session that saves, so each save is checked against the version read here.
            var documents = await session.LoadManyAsync<KioskHealthDocument>(ct, council.Select(d => d.Id).ToArray());
            foreach (var document in documents.Where(d => d.Connection == Connection.Online))
            {
                if (!offices.TryGetValue(document.OfficeId, out var office) || !calendars.Names.Contains(office.Calendar, StringComparer.OrdinalIgnoreCase)) continue;
                var events = HealthDecisions.DecideOffline(document.Health, now, calendars.For(office.Calendar), office.Closures, after);
                if (events.Count == 0) continue;
                KioskHealthStore.Stage(session, document, events);
                markedHere++;
            }
            if (markedHere == 0) continue;
            try
            {
                await session.SaveChangesAsync(ct);
                marked += markedHere;
            }
            catch (Exception e) when (LostRace.Is(e))
            {
                // A heartbeat (or another replica) moved one of these kiosks meanwhile: the next pass decides again.
            }
        }
        return marked;
    }
}
