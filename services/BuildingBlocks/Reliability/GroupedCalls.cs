namespace Omnichannel.BuildingBlocks.Reliability;

/// <summary>
/// Calls that arrive together, run together: each caller queues its item under a key (say, one council's room) and
/// awaits its own result. While fewer than <c>inFlight</c> runs of that key are going on, the caller starts one, which
/// takes whatever is queued (at most <c>maxBatch</c>) and hands it to <c>run</c> as one batch — one statement, one
/// transaction, one commit for all of them, instead of one each; what arrives meanwhile goes in the next. No timer: a
/// lone call runs at once, as it would alone. Under a crowd the batches grow with the queue, so the per-call cost that
/// is really per transaction (a commit's flush, a pooled connection, a round trip) is paid once per batch.
/// <para>A batch that throws is run again one item at a time, concurrently, so each caller meets its own outcome (its
/// result or its own exception) and one bad item does not fail the others. <c>run</c> must answer one result per item,
/// in the items' order, and must be safe to call again with an item whose batch failed (the batch's transaction rolled back).</para>
/// <para>Not cancelled once queued: a batch is short, and its caller must know whether its item happened.</para>
/// </summary>
public sealed class GroupedCalls<TKey, TItem, TResult>(Func<TKey, IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> run, int maxBatch, int inFlight)
    where TKey : notnull
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TKey, Lane> lanes = new();

    /// <summary>How many items each batch held (a probe for timings: called once per batch run, before it runs).</summary>
    public Action<int>? Batched { get; init; }

    public Task<TResult> CallAsync(TKey key, TItem item)
    {
        var lane = lanes.GetOrAdd(key, _ => new Lane());
        var mine = new Pending(item);
        bool lead;
        lock (lane)
        {
            lane.Queue.Add(mine);
            lead = lane.Running < inFlight;
            if (lead) lane.Running++;
        }
        if (lead) _ = Task.Run(() => RunWhileQueuedAsync(key, lane));
        return mine.Done.Task;
    }

    private async Task RunWhileQueuedAsync(TKey key, Lane lane)
    {
        while (true)
        {
            List<Pending> batch;
            lock (lane)
            {
                if (lane.Queue.Count == 0)
                {
                    lane.Running--;
                    return;
                }
                var take = Math.Min(lane.Queue.Count, maxBatch);
                batch = lane.Queue.GetRange(0, take);
                lane.Queue.RemoveRange(0, take);
            }
            Batched?.Invoke(batch.Count);
            try
            {
                var results = await run(key, batch.Select(p => p.Item).ToList());
                if (results.Count != batch.Count) throw new InvalidOperationException($"A grouped call answered {results.Count} results for {batch.Count} items.");
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
            }
            catch (Exception e) when (batch.Count == 1)
            {
                batch[0].Done.TrySetException(e);
            }
            catch
            {
                // Someone's item failed the batch: each is run on its own and meets its own outcome.
                await Task.WhenAll(batch.Select(p => AloneAsync(key, p)));
            }
        }
    }

    private async Task AloneAsync(TKey key, Pending pending)
    {
        try
        {
            var results = await run(key, [pending.Item]);
            pending.Done.TrySetResult(results.Count == 1 ? results[0] : throw new InvalidOperationException($"A grouped call answered {results.Count} results for one item."));
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }

    private sealed class Lane
    {
        public readonly List<Pending> Queue = [];
        public int Running;
    }

    private sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
