namespace Omnichannel.BuildingBlocks.Reliability;

/// <summary>How long the outbox may wait on the broker, and when its lag is worth a look ("Outbox" section).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>A publish and its broker confirm must finish within this, else the page fails and is retried from
    /// the checkpoint (at-least-once: consumers deduplicate on MessageId). A confirm lost with a dead connection
    /// otherwise waits forever.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>/health/ready reports Degraded (and a warning is logged) once this many events wait to be published…</summary>
    public long DegradedLagEvents { get; set; } = 1000;

    /// <summary>…or once the oldest unpublished event is this old.</summary>
    public TimeSpan DegradedLagAge { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>The async daemon's watchdog and leadership ("Daemon" section, next to Daemon:Enabled).</summary>
public sealed class DaemonOptions
{
    public const string Section = "Daemon";

    /// <summary>A projection or subscription running here that has not moved for this long while events wait
    /// is stopped and started again (a hung leader keeps its lock: nobody else would take over).</summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the watchdog looks at progress and the outbox lag.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a standby tries to take a projection's lock (HotCold): about the failover time.</summary>
    public TimeSpan LeadershipPollingTime { get; set; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>Whether an append NOTIFYs the daemon, which then wakes every subscription and projection at once
    /// (Marten's <c>UseListenNotifyForEventAppends</c>). Off, they find new events at their 100 ms poll instead: up to
    /// 100 ms more to the bus, but a steady trickle of appends no longer costs each subscription a fetch and a progress
    /// commit per append, and commits no longer queue on the NOTIFY's lock (tools/bench.sh --only webhook).</summary>
    public bool WakeOnAppend { get; set; } = true;

    /// <summary>How soon the daemon looks again after a poll that found new events (Marten's <c>FastPollingTime</c>):
    /// the longest an event waits for its subscriptions while events keep coming.</summary>
    public TimeSpan PollEvery { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How soon it looks again after a poll that found none (Marten's <c>SlowPollingTime</c>): what an idle
    /// daemon costs (each poll reads the high-water mark and writes its observation, a commit that waits for the WAL), and
    /// the longest a first event after a quiet spell waits when nothing wakes the daemon. The default is the pace;
    /// longer only with a wake-up (<see cref="WakeOnAppend"/> or <see cref="WakeOnLocalAppend"/>).</summary>
    public TimeSpan IdlePollEvery { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether events committed by this process end the daemon's idle wait at once
    /// (<see cref="EventStore.LocalAppendWakeup"/>; no NOTIFY, no change while events keep coming). Where the daemon runs
    /// in a worker apart from the replicas that append, their events are found within <see cref="IdlePollEvery"/>.</summary>
    public bool WakeOnLocalAppend { get; set; }

    public bool IsValid() => PollEvery > TimeSpan.Zero && IdlePollEvery >= PollEvery;
}
