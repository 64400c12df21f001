using JasperFx.Events.Daemon.HighWater;
using Marten;
using Marten.Services;

namespace Omnichannel.BuildingBlocks.EventStore;

/// <summary>
/// Wakes the async daemon's high-water poll when this process commits events (<c>Daemon:WakeOnLocalAppend</c>), so an
/// idle daemon can poll rarely (<c>Daemon:IdlePollEvery</c>) and still see a local append at once. Unlike Marten's
/// NOTIFY wake-up, which cuts every wait short (a fetch and a progress commit per subscription per append), it cuts
/// only the idle wait: while events keep coming the daemon keeps its fixed pace (<c>Daemon:PollEvery</c>), each poll
/// taking every append since the last. Events another process appends (an API replica beside the daemon's worker) are
/// found at the next poll, within <c>Daemon:IdlePollEvery</c> at worst. A wake-up only moves a poll earlier: the
/// high-water detection, its gap checks and every checkpoint are Marten's as before.
/// </summary>
public sealed class LocalAppendWakeup(TimeSpan pace, TimeProvider clock) : DocumentSessionListenerBase, IDaemonWakeup
{
    private TaskCompletionSource appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Events of this process were committed: an idle wait ends now, or the next one does not start.</summary>
    public void Appended() => Volatile.Read(ref appended).TrySetResult();

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (commit.GetEvents().Any()) Appended();
        return Task.CompletedTask;
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        // The pace after a poll that found events: kept, so appends that arrive meanwhile share the next poll.
        if (timeout <= pace)
        {
            await Task.Delay(timeout, clock, token);
            return;
        }
        var current = Volatile.Read(ref appended);
        if (!current.Task.IsCompleted)
        {
            try
            {
                await current.Task.WaitAsync(timeout, clock, token);
            }
            catch (TimeoutException)
            {
                return;
            }
        }
        // Signalled (now or while the last poll ran, whose read may have come before that commit): the poll that follows
        // sees every commit signalled so far; later ones signal the fresh source.
        Interlocked.CompareExchange(ref appended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
    }

    public void Dispose()
    {
    }
}
