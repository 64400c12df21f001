using Microsoft.Extensions.Options;
using Npgsql;

namespace Omnichannel.Kiosks.Watch;

/// <summary>
/// The one loop of the kiosks service's background work — the offline watch and the session timeouts — run by one
/// replica at a time: the one holding a PostgreSQL advisory lock (session level, on a connection it keeps open).
/// Another replica tries each tick and takes over within a tick once the leader's connection is gone (a crash, a
/// deploy); the lock needs no table and no clean-up. Passes stay safe without it (optimistic concurrency); the lock
/// only spares the other replicas the same work every tick.
/// </summary>
public sealed class KioskWatch(IConfiguration configuration, Health.Offline.OfflineWatcher offline, Sessions.Timeouts.SessionWatcher sessions,
    IOptions<KioskOptions> options, TimeProvider clock, ILogger<KioskWatch> logger) : BackgroundService
{
    /// <summary>The advisory lock's key: fixed, the kiosks service has its own database.</summary>
    public const long LockKey = 0x4b696f736b5761; // "KioskWa"

    private NpgsqlConnection? held;

    public bool IsLeader => held is { State: System.Data.ConnectionState.Open };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.WatchIntervalSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (!await TryLeadAsync(stoppingToken)) continue;
                await offline.SweepAsync(stoppingToken);
                await sessions.SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Kiosk watch: the pass failed; the next one tries again.");
                await LetGoAsync(); // a broken connection may have lost the lock: take it again first
            }
        }
    }

    /// <summary>Whether this replica leads now: it keeps the lock it has (checked alive), or takes it if it is free.</summary>
    public async Task<bool> TryLeadAsync(CancellationToken ct)
    {
        if (held is not null)
        {
            try
            {
                await using var ping = new NpgsqlCommand("select 1", held);
                await ping.ExecuteScalarAsync(ct);
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                await LetGoAsync();
            }
        }
        // Its own physical connection, not a pooled one: a pooled connection "closed" would keep the lock in the pool.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres")) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var take = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = LockKey } } };
        if ((bool)(await take.ExecuteScalarAsync(ct))!)
        {
            held = connection;
            logger.LogInformation("Kiosk watch: this replica leads the offline and session watch.");
            return true;
        }
        await connection.DisposeAsync();
        return false;
    }

    /// <summary>Gives the lead up (closing the connection releases the lock).</summary>
    public async Task LetGoAsync()
    {
        // Taken out first, so a second caller (the stop while a failed pass lets go) finds nothing to close.
        if (Interlocked.Exchange(ref held, null) is not { } connection) return;
        try
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock_all()", connection);
            await unlock.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone already, and the lock with it.
        }
        await connection.DisposeAsync();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await LetGoAsync();
    }
}
