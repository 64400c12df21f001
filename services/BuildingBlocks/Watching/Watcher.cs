using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Omnichannel.BuildingBlocks.Watching;

/// <summary>
/// A service's periodic background pass (SLA breaches, closing resolved incidents, offline kiosks…) on
/// <see cref="TimeProvider"/>, so tests move time instead of waiting. After each pass it sleeps until the next thing it
/// knows falls due, or the watch interval when that is sooner or unknown (for work that arrived meanwhile); it goes
/// again at once only when the pass made progress and more is due (a full page), so a failing item is retried after the
/// interval, not in a tight loop. A pass that fails is logged and tried again; with <see cref="Leadership"/>, only the
/// replica holding the lock passes.
/// </summary>
public abstract class Watcher(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected ILogger Logger { get; } = logger;
    protected TimeProvider Clock { get; } = clock;

    /// <summary>The longest sleep between passes.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether the first pass waits one interval after start instead of passing at once.</summary>
    protected virtual bool WaitsBeforeFirstPass => false;

    /// <summary>One replica at a time when set; every replica that runs the watcher when null.</summary>
    protected virtual Leadership? Leadership => null;

    /// <summary>One pass: does what is due now and returns how many things it did.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct);

    /// <summary>When the next thing falls due, if the watcher can tell; null when it only passes every interval.</summary>
    public virtual Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct) => Task.FromResult<DateTimeOffset?>(null);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (WaitsBeforeFirstPass) await Task.Delay(Interval, Clock, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Interval;
            try
            {
                if (Leadership is null || await Leadership.TryLeadAsync(stoppingToken))
                {
                    var done = await RunOnceAsync(stoppingToken);
                    if (await NextDueAtAsync(stoppingToken) is { } next)
                    {
                        var until = next - Clock.GetUtcNow();
                        if (until > TimeSpan.Zero && until < wait) wait = until;
                        else if (until <= TimeSpan.Zero && done > 0) wait = TimeSpan.Zero;
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Logger.LogWarning(e, "{Watcher}: the pass failed; the next one tries again.", GetType().Name);
                // A broken connection may have lost the lock: take it again first.
                if (Leadership is { } leadership) await leadership.LetGoAsync();
            }
            if (wait > TimeSpan.Zero) await Task.Delay(wait, Clock, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Leadership is { } leadership) await leadership.LetGoAsync();
    }
}
