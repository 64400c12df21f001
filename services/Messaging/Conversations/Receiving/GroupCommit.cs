using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Reliability;

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
/// <para>The grouping is the platform's <see cref="GroupedCalls{TKey,TItem,TResult}"/>, keyed by council (the webhooks)
/// and by council + "outcomes" (the replies' outcomes, a lane of their own): at most
/// <see cref="GroupCommitOptions.ConcurrentCommits"/> commits of a lane in flight, what arrives meanwhile goes in the
/// next; no timer, a lone webhook is saved at once.</para>
/// <para>Nothing is weakened: each caller is answered only once the transaction holding its update has committed (so
/// the webhook's 200 still follows a durable store); every append keeps its expected version and every mark its key,
/// so a batch that fails (a lost race, a redelivery stored at the same instant) is saved again one session at a time,
/// from the untouched original sessions, and each caller gets its own outcome — the conflict it would have met alone
/// (and decides again), the duplicate mark (already processed), or success. A session whose work cannot be copied
/// faithfully onto another (<see cref="StagedWork.CanCopy"/>) is saved on its own straight away.</para>
/// </summary>
public sealed class GroupCommit
{
    private const string OutcomesLane = "\noutcomes";
    private readonly IDocumentStore store;
    private readonly GroupCommitOptions settings;
    private readonly GroupedCalls<string, Staged, bool> grouped;

    public GroupCommit(IDocumentStore store, IOptions<GroupCommitOptions> options)
    {
        this.store = store;
        settings = options.Value;
        grouped = new(CommitAsync, settings.MaxBatch, settings.ConcurrentCommits);
    }

    /// <summary>Saves <paramref name="staged"/> (a session of the current council with its work staged), alone or with
    /// others. Returns once it is committed; throws what its own save would have thrown. Not cancelled once queued: a
    /// commit is short, and its caller must know whether it happened.</summary>
    /// <remarks>A reply's outcome (<paramref name="outcome"/>) is committed in a lane of its own: it follows the send
    /// and is off the answer's path, and it must not hold a webhook's commit (the next answer's path) behind it. When
    /// both shared one lane of <see cref="GroupCommitOptions.ConcurrentCommits"/> commits, at 50 chats × 1 message/s a
    /// webhook's commit waited for an outcome's.</remarks>
    public Task SaveAsync(IDocumentSession staged, bool outcome = false)
    {
        if (!settings.GroupCommit) return staged.SaveChangesAsync(CancellationToken.None);
        if (!StagedWork.CanCopy(staged, store.Options)) return AloneAsync(staged);
        return grouped.CallAsync(outcome ? staged.TenantId + OutcomesLane : staged.TenantId,
            new Staged(staged, outcome ? "reply-commit-wait" : "commit-wait"));
    }

    /// <summary>One batch of a lane: alone when it is one, else copied onto one session and committed together. Throws
    /// when they cannot all go together; <see cref="GroupedCalls{TKey,TItem,TResult}"/> then saves each on its own.</summary>
    private async Task<IReadOnlyList<bool>> CommitAsync(string lane, IReadOnlyList<Staged> batch)
    {
        foreach (var item in batch) item.Taken();
        if (batch.Count == 1)
        {
            await batch[0].Session.SaveChangesAsync(CancellationToken.None);
            InboundTimings.Committed(1);
            return [true];
        }
        await using var shared = store.LightweightSession(batch[0].Session.TenantId);
        var streams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in batch)
        {
            // Two updates of one stream never share a commit (they would merge into one append).
            if (!item.Session.PendingChanges.Streams().All(s => streams.Add(s.Key!))) throw new StreamTwiceInBatch();
            StagedWork.Copy(item.Session, shared);
        }
        await shared.SaveChangesAsync(CancellationToken.None);
        InboundTimings.Committed(batch.Count);
        return [.. batch.Select(_ => true)];
    }

    private static async Task AloneAsync(IDocumentSession session)
    {
        await session.SaveChangesAsync(CancellationToken.None);
        InboundTimings.Committed(1);
    }

    private sealed class StreamTwiceInBatch() : Exception("Two sessions of one batch append to the same stream: each is saved on its own.");

    private sealed class Staged(IDocumentSession session, string waitPhase)
    {
        private readonly long queued = System.Diagnostics.Stopwatch.GetTimestamp();
        private bool measured;

        public IDocumentSession Session { get; } = session;

        /// <summary>Its commit starts: how long it waited for it (the phase named by its lane), once — not again when
        /// its batch failed and it is saved on its own.</summary>
        public void Taken()
        {
            if (measured) return;
            measured = true;
            InboundTimings.Phases.Since(waitPhase, queued);
        }
    }
}

/// <summary>Copies what a session has staged (its streams' events with their expected versions and metadata, documents
/// inserted or stored) onto another session of the same council, leaving the original untouched — so the original can
/// still be saved on its own. Anything it cannot copy faithfully (a deletion, a patch, raw SQL, a document checked by
/// version, changes detected by a dirty-tracking session) is left alone: the caller saves that session by itself.</summary>
internal static class StagedWork
{
    /// <summary>Whether <see cref="Copy"/> can copy what <paramref name="from"/> has staged faithfully.</summary>
    public static bool CanCopy(IDocumentSession from, IReadOnlyStoreOptions options)
    {
        var work = from.PendingChanges;
        var inserts = work.Inserts().ToList();
        var updates = work.Updates().ToList();
        if (work.Deletions().Any() || work.Operations().Count() != inserts.Count + updates.Count) return false;
        if (inserts.Concat(updates).Any(d => options.FindOrResolveDocumentType(d.GetType()) is var type && (type.UseOptimisticConcurrency || type.Metadata.Revision.Enabled)))
            return false;
        return work.Streams().All(s => s.Key is not null); // streams here are keyed by string
    }

    /// <summary>Copies what <paramref name="from"/> has staged onto <paramref name="to"/> (same council), once
    /// <see cref="CanCopy"/> said it can.</summary>
    public static void Copy(IDocumentSession from, IDocumentSession to)
    {
        if (from.TenantId != to.TenantId) throw new InvalidOperationException("Staged work is copied only within one council.");
        var work = from.PendingChanges;
        var inserts = work.Inserts().ToList();
        var updates = work.Updates().ToList();
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
    }
}
