using System.Diagnostics.Metrics;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Omnichannel.BuildingBlocks.Messaging;

namespace Omnichannel.BuildingBlocks.Reliability;

/// <summary>
/// Runs beside the async daemon. Every <see cref="DaemonOptions.CheckEvery"/> it reads the high-water mark and each
/// shard's checkpoint, and
/// <list type="bullet">
/// <item>restarts a projection or subscription running in this process that has not moved for
/// <see cref="DaemonOptions.StallAfter"/> while events wait (Marten retries a failing page by itself, but not one
/// stuck forever; and a stuck leader keeps its HotCold lock, so no other process would take over);</item>
/// <item>measures the outbox lag (metric, /health/ready, a warning while it grows past the thresholds).</item>
/// </list>
/// </summary>
public sealed class DaemonWatchdog : BackgroundService
{
    public const string MeterName = "Omnichannel.Outbox";

    private readonly IProjectionCoordinator coordinator;
    private readonly NpgsqlDataSource database;
    private readonly string schema;
    private readonly bool watchesOutbox;
    private readonly DaemonOptions daemon;
    private readonly OutboxOptions outbox;
    private readonly TimeProvider clock;
    private readonly ILogger<DaemonWatchdog> logger;
    private readonly Dictionary<string, (long Sequence, DateTimeOffset Since)> progress = new();
    private long lastWarnedLag;

    public DaemonWatchdog(
        IProjectionCoordinator coordinator, DaemonWatchdogTarget target, IOptions<DaemonOptions> daemon, IOptions<OutboxOptions> outbox,
        ILogger<DaemonWatchdog> logger, IMeterFactory meters)
    {
        this.coordinator = coordinator;
        database = NpgsqlDataSource.Create(target.ConnectionString);
        schema = target.Schema;
        watchesOutbox = target.WatchesOutbox;
        this.daemon = daemon.Value;
        this.outbox = outbox.Value;
        // The machine's clock, not the service's TimeProvider: a stall is real seconds of a process doing nothing, and the
        // events' timestamps it compares with are the database's. A business clock moved ahead (an SLA test jumping a
        // day) would make a busy outbox look stalled and restart it again and again, so it never publishes.
        clock = TimeProvider.System;
        this.logger = logger;
        if (watchesOutbox)
        {
            var meter = meters.Create(MeterName);
            meter.CreateObservableGauge("omnichannel.outbox.lag.events", () => Lag.Events, "{event}",
                "Events recorded but not yet published to the bus (high-water mark minus the outbox checkpoint).");
            meter.CreateObservableGauge("omnichannel.outbox.lag.seconds", () => Lag.OldestWaiting.TotalSeconds, "s",
                "Age of the oldest event not yet published to the bus.");
        }
    }

    /// <summary>The outbox lag at the last check.</summary>
    public OutboxLag Lag { get; private set; } = OutboxLag.None;

    /// <summary>How many times a stalled shard was restarted here (for tests and logs).</summary>
    public int Restarts { get; private set; }

    /// <summary>How many checks have run (for tests: a check happened after something they did).</summary>
    public int Checks { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(daemon.CheckEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // PostgreSQL away for a moment: the next tick tries again; readiness already reports it.
                logger.LogWarning(e, "The daemon watchdog could not read the daemon's progress");
            }
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        Checks++;
        var sequences = await ReadProgressAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (!sequences.TryGetValue("HighWaterMark", out var highWaterMark)) return;

        if (watchesOutbox) await MeasureOutboxAsync(highWaterMark, sequences, now, cancellationToken);

        var running = coordinator.DaemonForMainDatabase();
        foreach (var agent in running.CurrentAgents())
        {
            var shard = agent.Name.Identity;
            var sequence = sequences.GetValueOrDefault(shard);
            if (!progress.TryGetValue(shard, out var seen) || seen.Sequence != sequence || sequence >= highWaterMark)
            {
                progress[shard] = (sequence, now);
                continue;
            }
            if (now - seen.Since < daemon.StallAfter) continue;

            logger.LogWarning("{Shard} has not moved from {Sequence} for {Stalled} while events wait up to {HighWaterMark}: restarting it",
                shard, sequence, now - seen.Since, highWaterMark);
            progress[shard] = (sequence, now);
            Restarts++;
            // Stopping cancels the page in flight (a hung publish gives up on cancellation); bounded all the same, so a
            // stop that never returns does not stop the watchdog too.
            try
            {
                await running.StopAgentAsync(shard).WaitAsync(daemon.StallAfter, cancellationToken);
            }
            catch (TimeoutException)
            {
                logger.LogWarning("{Shard} did not stop within {Timeout}; starting it again anyway", shard, daemon.StallAfter);
            }
            await running.StartAgentAsync(shard, cancellationToken);
        }
    }

    private async Task MeasureOutboxAsync(long highWaterMark, IReadOnlyDictionary<string, long> sequences, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var checkpoint = sequences.GetValueOrDefault(OutboxSubscription.SubscriptionName + ":All");
        DateTimeOffset? oldest = null;
        if (highWaterMark > checkpoint)
        {
            await using var command = database.CreateCommand(
                $"select timestamp from {schema}.mt_events where seq_id > $1 and seq_id <= $2 order by seq_id limit 1");
            command.Parameters.Add(new NpgsqlParameter { Value = checkpoint });
            command.Parameters.Add(new NpgsqlParameter { Value = highWaterMark });
            if (await command.ExecuteScalarAsync(cancellationToken) is DateTime at)
                oldest = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        }
        Lag = OutboxLag.Between(highWaterMark, checkpoint, oldest, now);

        if (Lag.Assess(outbox) == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
        {
            lastWarnedLag = 0;
            return;
        }
        // Once when it crosses a threshold, then again each time it has grown by half: a stalled outbox is never silent,
        // and a long outage does not flood the log.
        if (Lag.Events > lastWarnedLag * 3 / 2)
        {
            logger.LogWarning("The outbox is {Events} events behind; the oldest waiting was recorded {Age} ago",
                Lag.Events, Lag.OldestWaiting);
            lastWarnedLag = Math.Max(1, Lag.Events);
        }
    }

    private async Task<Dictionary<string, long>> ReadProgressAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"select name, last_seq_id from {schema}.mt_event_progression");
        var sequences = new Dictionary<string, long>();
        NpgsqlDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A service that has not stored an event yet (the analytics service never does) has no progression table:
            // nothing to watch, and not a failure to warn about every few seconds.
            return sequences;
        }
        await using var _ = reader;
        while (await reader.ReadAsync(cancellationToken))
            sequences[reader.GetString(0)] = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        return sequences;
    }

    public override void Dispose()
    {
        base.Dispose();
        database.Dispose();
    }
}

/// <summary>What the watchdog watches: the service's event store and whether it publishes integration events.</summary>
public sealed record DaemonWatchdogTarget(string ConnectionString, string Schema, bool WatchesOutbox);
