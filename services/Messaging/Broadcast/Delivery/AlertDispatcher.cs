using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.Messaging.Broadcast.Alerts;

namespace Omnichannel.Messaging.Broadcast.Delivery;

/// <summary>Wakes the dispatcher when staff send an alert (in this process; another instance finds it on its next look).</summary>
public sealed class AlertSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Wake()
    {
        try { signal.Release(); } catch (SemaphoreFullException) { } // already awake
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);
}

/// <summary>
/// Runs the unfinished alerts of every council, oldest first, where the async daemon runs — at start (so a restart
/// resumes what was under way) and whenever an alert is sent or <see cref="BroadcastOptions.PollInterval"/> passes.
/// </summary>
public sealed class AlertDispatcher(IDocumentStore store, AlertRun run, AlertSignal signal, IOptions<BroadcastOptions> options, ILogger<AlertDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                List<Alert> open;
                await using (var query = store.QuerySession())
                    open = (await query.Query<Alert>().Where(a => a.AnyTenant() && a.Stage == AlertStage.Sending).OrderBy(a => a.CreatedAt).Take(20).ToListAsync(stoppingToken)).ToList();
                foreach (var alert in open) await run.RunAsync(alert.Council, alert.Id, stoppingToken);
                if (open.Count > 0) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogError(e, "Alert delivery failed; tried again on the next look");
            }
            try { await signal.WaitAsync(options.Value.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
