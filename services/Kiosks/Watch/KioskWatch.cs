using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Watching;

namespace Omnichannel.Kiosks.Watch;

/// <summary>
/// The one loop of the kiosks service's background work — the offline watch and the session timeouts — every
/// <c>Kiosks:WatchIntervalSeconds</c>, run by one replica at a time (<see cref="BuildingBlocks.Watching.Leadership"/>):
/// another replica takes over within a pass once the leader's connection is gone.
/// </summary>
public sealed class KioskWatch(IConfiguration configuration, Health.Offline.OfflineWatcher offline, Sessions.Timeouts.SessionWatcher sessions,
    IOptions<KioskOptions> options, TimeProvider clock, ILogger<KioskWatch> logger) : Watcher(clock, logger)
{
    /// <summary>The advisory lock's key: fixed, one per service's watch.</summary>
    public const long LockKey = 0x4b696f736b5761; // "KioskWa"

    private readonly Leadership leadership = new(configuration.GetConnectionString("Postgres")!, LockKey, "Kiosk watch", logger);

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.WatchIntervalSeconds);

    protected override Leadership Leadership => leadership;

    // After a restart, kiosks that could not report while the service was down get one interval before being judged.
    protected override bool WaitsBeforeFirstPass => true;

    public bool IsLeader => leadership.IsLeader;

    public Task<bool> TryLeadAsync(CancellationToken ct) => leadership.TryLeadAsync(ct);

    public Task LetGoAsync() => leadership.LetGoAsync();

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await offline.SweepAsync(ct);
        await sessions.SweepAsync(ct);
        return 0;
    }
}
