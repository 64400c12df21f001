using System.Collections.Concurrent;
using JasperFx.Events;
using Marten;

namespace Omnichannel.BuildingBlocks.EventStore;

/// <summary>
/// For streams that many writers decide on at once and that grow long (a queue's day: every ticket,
/// call and completion of an office). Keeps the folded state of each stream in memory with its version
/// and reads only the events appended since, so a decision costs one short transaction however long
/// the stream is. The stream stays the only truth: every append states the version it was decided on,
/// so several replicas may share a stream (a loser catches up and decides again). <typeparamref name="TState"/> must be
/// immutable — one folded state is shared by concurrent readers.
/// </summary>
public sealed class HotStreams<TState>(TState initial, Func<TState, object, TState> evolve, int capacity = 1024) where TState : class
{
    private readonly ConcurrentDictionary<(string Tenant, string Stream), (TState State, long Version)> folded = new();
    private readonly ConcurrentDictionary<(string Tenant, string Stream), Lane> lanes = new();

    public TState Initial => initial;

    public TState Evolve(TState state, object @event) => evolve(state, @event);

    /// <summary>The stream's state and version now, reading only what was appended since the last load.</summary>
    public async Task<(TState State, long Version)> LoadAsync(IQuerySession session, string streamKey, CancellationToken ct)
    {
        var key = (session.TenantId, streamKey);
        var (state, version) = folded.TryGetValue(key, out var cached) ? cached : (initial, 0L);
        var events = await session.Events.FetchStreamAsync(streamKey, fromVersion: version + 1, token: ct);
        foreach (var e in events)
        {
            state = evolve(state, e.Data);
            version = e.Version;
        }
        Remember(key, state, version);
        return (state, version);
    }

    /// <summary>What this process last saw of the stream (the initial state and 0 when nothing): a caller may read
    /// what was appended since together with its other reads (one round trip) and <see cref="Fold"/> it.</summary>
    public (TState State, long Version) Known(string tenant, string streamKey) =>
        folded.TryGetValue((tenant, streamKey), out var cached) ? cached : (initial, 0L);

    /// <summary>The state after <paramref name="known"/> and the events read since it, remembered.</summary>
    public (TState State, long Version) Fold(string tenant, string streamKey, (TState State, long Version) known, IEnumerable<IEvent> events)
    {
        var (state, version) = known;
        foreach (var e in events)
        {
            state = evolve(state, e.Data);
            version = e.Version;
        }
        Remember((tenant, streamKey), state, version);
        return (state, version);
    }

    /// <summary>After the caller's own commit appended <paramref name="events"/> on the state it read at
    /// <paramref name="readVersion"/>: remembered, so the next read fetches nothing this process already knows.</summary>
    public void Appended(string tenant, string streamKey, TState read, long readVersion, IReadOnlyList<object> events)
    {
        var state = read;
        foreach (var e in events) state = evolve(state, e);
        Remember((tenant, streamKey), state, readVersion + events.Count);
    }

    /// <summary>
    /// Decides on the current state and appends at the version of that state; when another writer got there
    /// first, catches up and decides again, so a decision is only ever saved on the state it was taken on.
    /// Writers of one stream in this process do not race each other: they queue, and whoever holds the stream
    /// decides everything queued so far one after the other and saves it in one transaction (group commit), so
    /// twenty desks cost one round trip, not twenty retries. A <c>Rejection</c> from <paramref name="decide"/>
    /// fails only its own caller and is not retried.
    /// </summary>
    public async Task<StreamAppends.Decided<TState>> DecideAndAppendAsync(
        IDocumentStore store, string streamKey, Func<TState, IReadOnlyList<object>> decide, CancellationToken ct, int maxAttempts = 100)
    {
        var lane = lanes.GetOrAdd((Context.RequestContext.RequiredTenantId, streamKey), _ => new Lane());
        var mine = new Pending(decide, Context.RequestContext.CorrelationId);
        lock (lane.Queue) lane.Queue.Add(mine);
        while (!mine.Done.Task.IsCompleted)
        {
            try
            {
                await lane.Turn.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                lock (lane.Queue) if (lane.Queue.Remove(mine)) throw;
                break; // already taken into a batch: its outcome follows
            }
            try
            {
                if (mine.Done.Task.IsCompleted) break;
                List<Pending> batch;
                lock (lane.Queue)
                {
                    batch = [.. lane.Queue];
                    lane.Queue.Clear();
                }
                await CommitAsync(store, streamKey, batch, maxAttempts);
            }
            finally
            {
                lane.Turn.Release();
            }
        }
        return await mine.Done.Task;
    }

    private async Task CommitAsync(IDocumentStore store, string streamKey, List<Pending> batch, int maxAttempts)
    {
        var key = (Context.RequestContext.RequiredTenantId, streamKey);
        var catchUp = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var session = store.OpenTenantSession();
                // The state this process last saw is normally the stream's: decide on it straight away and let the
                // expected version catch the rare write from another replica (then read what it appended).
                var (state, version) = catchUp || !folded.TryGetValue(key, out var cached) ? await LoadAsync(session, streamKey, CancellationToken.None) : cached;
                var outcomes = new List<(Pending Pending, StreamAppends.Decided<TState>? Decided, Exception? Error)>(batch.Count);
                var all = new List<object>();
                foreach (var pending in batch)
                {
                    try
                    {
                        var events = pending.Decide(state);
                        foreach (var e in events) state = evolve(state, e);
                        all.AddRange(events);
                        outcomes.Add((pending, new StreamAppends.Decided<TState>(state, version + all.Count, events), null));
                    }
                    catch (Exception e)
                    {
                        outcomes.Add((pending, null, e));
                    }
                }
                if (all.Count > 0)
                {
                    var action = Stage(session, streamKey, version, all);
                    // Each event keeps the correlation id of the request that decided it, not the batch leader's.
                    var i = 0;
                    foreach (var (pending, decided, _) in outcomes)
                        foreach (var _ in decided?.Events ?? [])
                            action.Events[i++].CorrelationId = pending.CorrelationId ?? session.CorrelationId;
                    await session.SaveChangesAsync(CancellationToken.None);
                    Remember(key, state, version + all.Count);
                }
                foreach (var (pending, decided, error) in outcomes)
                    if (error is null) pending.Done.TrySetResult(decided!);
                    else pending.Done.TrySetException(error);
                return;
            }
            catch (Exception e) when (LostRace.Is(e) && attempt < maxAttempts)
            {
                // Another replica appended in between: read what it wrote and decide the whole batch again.
                catchUp = true;
                if (attempt > 1) await Task.Delay(Random.Shared.Next(0, Math.Min(2 * attempt, 25)));
            }
            catch (Exception e)
            {
                foreach (var pending in batch) pending.Done.TrySetException(e);
                return;
            }
        }
    }

    private sealed class Lane
    {
        public readonly List<Pending> Queue = [];
        public readonly SemaphoreSlim Turn = new(1, 1);
    }

    private sealed class Pending(Func<TState, IReadOnlyList<object>> decide, string? correlationId)
    {
        public Func<TState, IReadOnlyList<object>> Decide { get; } = decide;
        public string? CorrelationId { get; } = correlationId;
        public TaskCompletionSource<StreamAppends.Decided<TState>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Stages <paramref name="events"/> at the version after <paramref name="readVersion"/> on a session
    /// the caller saves (e.g. a consumer's, with its processed-message mark).</summary>
    public static StreamAction Stage(IDocumentSession session, string streamKey, long readVersion, IReadOnlyList<object> events) =>
        readVersion == 0
            ? session.Events.StartStream(streamKey, [.. events])
            : session.Events.Append(streamKey, readVersion + events.Count, [.. events]);

    private void Remember((string Tenant, string Stream) key, TState state, long version)
    {
        // Old days' streams are not needed again: a full cache is simply emptied and refills on demand.
        if (folded.Count >= capacity && !folded.ContainsKey(key))
        {
            folded.Clear();
            lanes.Clear(); // a writer still holding an old lane only loses the queueing, never the version check
        }
        folded.AddOrUpdate(key, (state, version), (_, existing) => existing.Version >= version ? existing : (state, version));
    }
}
