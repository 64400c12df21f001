using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.EventStore;

namespace Omnichannel.Kiosks.Sessions.Timeouts;

/// <summary>
/// Ends sessions idle for <c>Kiosks:SessionIdleSeconds</c> (asking for their wipe), and takes out of service a kiosk
/// whose wipe is not acknowledged within <c>Kiosks:WipeAcknowledgeSeconds</c>, in the kiosk watch's loop (<see cref="Watch.KioskWatch"/>, every <c>Kiosks:WatchIntervalSeconds</c>, one replica at a time)
/// on the registered <see cref="TimeProvider"/>. Each decision is appended at the version read: a kiosk acting at the
/// same instant makes this one fail, and the next pass decides again.
/// </summary>
public sealed class SessionWatcher(IDocumentStore store, IOptions<KioskOptions> options, TimeProvider clock)
{
    /// <summary>One pass over every council's kiosks with an open session or a wipe waiting; how many changed.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var idle = TimeSpan.FromSeconds(options.Value.SessionIdleSeconds);
        var wipeAck = TimeSpan.FromSeconds(options.Value.WipeAcknowledgeSeconds);
        IReadOnlyList<KioskSessionsView> watched;
        await using (var query = store.QuerySession())
            watched = await query.Query<KioskSessionsView>().Where(v => v.AnyTenant()).Where(v => v.Watched).ToListAsync(ct);

        var changed = 0;
        foreach (var view in watched)
        {
            using var scope = RequestContext.Begin(view.Council, null);
            await using var session = store.LightweightSession(view.Council);
            try
            {
                var result = await session.DecideAndAppendAsync(SessionsState.StreamKey(view.KioskId), SessionsState.Initial, SessionsState.Evolve,
                    state => SessionDecisions.DecideTimeouts(state, view.OfficeId, now, idle, wipeAck), ct);
                if (result.Events.Count > 0) changed++;
            }
            catch (Exception e) when (LostRace.Is(e))
            {
                // The kiosk acted meanwhile: the next pass decides on what it did.
            }
        }
        return changed;
    }
}
