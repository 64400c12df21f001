using Marten;
using Microsoft.Extensions.Options;

namespace Omnichannel.Messaging.Conversations.Receiving;

public sealed class GroupCommitOptions
{
    public const string Section = "Messaging:Inbound";

    /// <summary>Store the updates of webhooks that arrive together in one transaction (off: each its own).</summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>At most this many sessions in one commit.</summary>
    public int MaxBatch { get; set; } = 64;

    /// <summary>Commits of one council in flight at once: whatever arrives meanwhile waits and goes in the next.</summary>
    public int ConcurrentCommits { get; set; } = 2;

    public bool IsValid() => MaxBatch is >= 1 and <= 1000 && ConcurrentCommits is >= 1 and <= 64;
}

/// <summary>
/// Group commit: the staged sessions of webhooks that arrive together (each already decided, in its own conversation's
/// turn) are saved in one transaction — one sequence fetch, one projection load, one batch and one durable commit (one
/// fsync) for all of them, instead of one each. Under 50 chats at once that is what decides the 200's latency: every
/// commit waits for the disk, and each round trip costs a process starved of CPU a wake-up.
/// <para>Nothing is weakened: each caller is answered only once the transaction holding its update has committed (so
/// the webhook's 200 still follows a durable store); every append keeps its expected version and every mark its key,
/// so a batch that fails (a lost race, a redelivery stored at the same instant) is saved again one session at a time,
/// from the untouched original sessions, and each caller gets its own outcome — the conflict it would have met alone
/// (and decides again), the duplicate mark (already processed), or success.</para>
/// <para>No timer: a commit takes whatever is queued when it starts; what arrives while <see cref="GroupCommitOptions.ConcurrentCommits"/>
/// commits are in flight goes in the next one. A lone webhook is saved at once, as before.</para>
/// </summary>
public sealed class GroupCommit(IDocumentStore store, IOptions<GroupCommitOptions> options)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lane> lanes = new(StringComparer.Ordinal);

    /// <summary>Saves <paramref name="staged"/> (a session of the current council with its work staged), alone or with
    /// others. Returns once it is committed; throws what its own save would have thrown. Not cancelled once queued: a
    /// commit is short, and its caller must know whether it happened.</summary>
    /// <remarks>A reply's outcome (<paramref name="outcome"/>) is committed in a lane of its own: it follows the send
    /// and is off the answer's path, and it must not hold a webhook's commit (the next answer's path) behind it. Before,
    /// both shared one lane of <see cref="GroupCommitOptions.ConcurrentCommits"/> commits, and at 50 chats × 1 message/s
    /// a webhook's commit waited for an outcome's.</remarks>
    public Task SaveAsync(IDocumentSession staged, bool outcome = false)
    {
        var settings = options.Value;
        if (!settings.GroupCommit) return staged.SaveChangesAsync(CancellationToken.None);
        var lane = lanes.GetOrAdd(outcome ? staged.TenantId + "\n" + "outcomes" : staged.TenantId, _ => new Lane(outcome ? "reply-commit-wait" : "commit-wait"));
        var mine = new Pending(staged);
        bool lead;
        lock (lane)
        {
            lane.Queue.Add(mine);
            lead = lane.Committing < settings.ConcurrentCommits;
            if (lead) lane.Committing++;
        }
        if (lead) _ = Task.Run(() => CommitWhileQueuedAsync(lane, settings.MaxBatch));
        return mine.Done.Task;
    }

    private async Task CommitWhileQueuedAsync(Lane lane, int maxBatch)
    {
        while (true)
        {
            List<Pending> batch;
            lock (lane)
            {
                if (lane.Queue.Count == 0)
                {
                    lane.Committing--;
                    return;
                }
                var take = Math.Min(lane.Queue.Count, maxBatch);
                batch = lane.Queue.GetRange(0, take);
                lane.Queue.RemoveRange(0, take);
            }
            foreach (var pending in batch) InboundTimings.Phases.Since(lane.WaitPhase, pending.Queued);
            var together = await TogetherAsync(batch);
            // Those not saved together (alone in the queue, not copyable, or their shared commit failed) are saved
            // on their own, in parallel: different conversations.
            await Task.WhenAll(batch.Where(p => !together.Contains(p)).Select(AloneAsync));
        }
    }

    /// <summary>Saves what it can of <paramref name="batch"/> in one transaction; returns those it answered.</summary>
    private async Task<IReadOnlyCollection<Pending>> TogetherAsync(List<Pending> batch)
    {
        if (batch.Count < 2) return [];
        var together = new List<Pending>(batch.Count);
        try
        {
            await using var shared = store.LightweightSession(batch[0].Session.TenantId);
            var streams = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pending in batch)
                // Two updates of one stream never share a commit (they would merge into one append).
                if (pending.Session.PendingChanges.Streams().All(s => s.Key is not null && !streams.Contains(s.Key))
                    && StagedWork.TryCopy(pending.Session, shared, store.Options))
                {
                    together.Add(pending);
                    foreach (var s in pending.Session.PendingChanges.Streams()) streams.Add(s.Key!);
                }
            if (together.Count < 2) return []; // nothing gained: each goes alone
            await shared.SaveChangesAsync(CancellationToken.None);
        }
        catch
        {
            // One of them lost a race or was stored already: each is saved on its own and meets its own outcome;
            // the others are not held back by it.
            return [];
        }
        InboundTimings.Committed(together.Count);
        foreach (var pending in together) pending.Done.TrySetResult();
        return together;
    }

    private static async Task AloneAsync(Pending pending)
    {
        try
        {
            await pending.Session.SaveChangesAsync(CancellationToken.None);
            InboundTimings.Committed(1);
            pending.Done.TrySetResult();
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }

    private sealed class Lane(string waitPhase)
    {
        /// <summary>The phase measuring how long a save waited for its commit to start.</summary>
        public string WaitPhase { get; } = waitPhase;
        public readonly List<Pending> Queue = [];
        public int Committing;
    }

    private sealed class Pending(IDocumentSession session)
    {
        public IDocumentSession Session { get; } = session;
        public long Queued { get; } = System.Diagnostics.Stopwatch.GetTimestamp();
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>Copies what a session has staged (its streams' events with their expected versions and metadata, documents
/// inserted or stored) onto another session of the same council, leaving the original untouched — so the original can
/// still be saved on its own. Anything it cannot copy faithfully (a deletion, a patch, raw SQL, a document checked by
/// version, changes detected by a dirty-tracking session) is left alone: the caller saves that session by itself.</summary>
internal static class StagedWork
{
    public static bool TryCopy(IDocumentSession from, IDocumentSession to, IReadOnlyStoreOptions options)
    {
        if (from.TenantId != to.TenantId) return false;
        var work = from.PendingChanges;
        var inserts = work.Inserts().ToList();
        var updates = work.Updates().ToList();
        if (work.Deletions().Any() || work.Operations().Count() != inserts.Count + updates.Count) return false;
        if (inserts.Concat(updates).Any(d => options.FindOrResolveDocumentType(d.GetType()) is var type && (type.UseOptimisticConcurrency || type.Metadata.Revision.Enabled)))
            return false;

        if (work.Streams().Any(s => s.Key is null)) return false; // streams here are keyed by string
        foreach (var stream in work.Streams())
        {
            var data = stream.Events.Select(e => e.Data).ToArray();
            var copy = stream.ActionType == JasperFx.Events.StreamActionType.Start
                ? stream.AggregateType is { } aggregate ? to.Events.StartStream(aggregate, stream.Key!, data) : to.Events.StartStream(stream.Key!, data)
                : stream.ExpectedVersionOnServer is { } expected ? to.Events.Append(stream.Key!, expected + data.Length, data) : to.Events.Append(stream.Key!, data);
            for (var i = 0; i < data.Length; i++)
            {
                var original = stream.Events[i];
                // Each event keeps the metadata of the request that decided it, not the shared session's.
                copy.Events[i].CorrelationId = original.CorrelationId ?? from.CorrelationId;
                copy.Events[i].CausationId = original.CausationId ?? from.CausationId;
                if (original.Headers is { Count: > 0 } headers)
                    foreach (var (name, value) in headers) copy.Events[i].SetHeader(name, value);
            }
        }
        if (inserts.Count > 0) to.InsertObjects(inserts);
        if (updates.Count > 0) to.StoreObjects(updates);
        return true;
    }
}
