using System.Collections.Concurrent;
using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;

namespace Omnichannel.BuildingBlocks.EventStore;

/// <summary>
/// For streams that many writers decide on at once and that grow long (a queue's day: every ticket,
/// call and completion of an office). Keeps the folded state of each stream in memory with its version
/// and reads only the events appended since, so a decision costs one short query and one short
/// transaction however long the stream is. The stream stays the only truth: every load catches up
/// from the database, so several replicas may share a stream. <typeparamref name="TState"/> must be
/// immutable — one folded state is shared by concurrent readers.
/// </summary>
public sealed class HotStreams<TState>(TState initial, Func<TState, object, TState> evolve, int capacity = 1024) where TState : class
{
    private readonly ConcurrentDictionary<(string Tenant, string Stream), (TState State, long Version)> folded = new();

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

    /// <summary>
    /// Decides on the current state and appends at the version read; when another writer got there
    /// first, catches up and decides again (up to <paramref name="maxAttempts"/> times), so the
    /// decision is always taken on the state it is appended to. A <c>Rejection</c> from
    /// <paramref name="decide"/> is not retried.
    /// </summary>
    public async Task<StreamAppends.Decided<TState>> DecideAndAppendAsync(
        IDocumentStore store, string streamKey, Func<TState, IReadOnlyList<object>> decide, CancellationToken ct, int maxAttempts = 100)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.OpenTenantSession();
            var (state, version) = await LoadAsync(session, streamKey, ct);
            var events = decide(state);
            if (events.Count == 0) return new StreamAppends.Decided<TState>(state, version, events);

            Stage(session, streamKey, version, events);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception e) when (IsConcurrentAppend(e) && attempt < maxAttempts)
            {
                // Someone appended in between: back off a little (less on the first clashes) and decide again.
                await Task.Delay(Random.Shared.Next(0, Math.Min(2 * attempt, 25)), ct);
                continue;
            }

            foreach (var e in events) state = evolve(state, e);
            Remember((session.TenantId, streamKey), state, version + events.Count);
            return new StreamAppends.Decided<TState>(state, version + events.Count, events);
        }
    }

    /// <summary>Stages <paramref name="events"/> at the version after <paramref name="readVersion"/> on a session
    /// the caller saves (e.g. a consumer's, with its processed-message mark).</summary>
    public static void Stage(IDocumentSession session, string streamKey, long readVersion, IReadOnlyList<object> events)
    {
        if (readVersion == 0) session.Events.StartStream(streamKey, [.. events]);
        else session.Events.Append(streamKey, readVersion + events.Count, [.. events]);
    }

    /// <summary>Whether a save failed because the stream moved on (or was started) concurrently.</summary>
    public static bool IsConcurrentAppend(Exception e) => e switch
    {
        EventStreamUnexpectedMaxEventIdException or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException or ConcurrencyException => true,
        MartenCommandException { InnerException: Npgsql.PostgresException { SqlState: "23505" } } => true,
        // Raised by Marten's quick-append function when the stream moved on past the expected version.
        Npgsql.PostgresException { SqlState: "MT003" } => true,
        AggregateException a => a.InnerExceptions.Any(IsConcurrentAppend),
        _ => e.InnerException is not null && IsConcurrentAppend(e.InnerException),
    };

    private void Remember((string Tenant, string Stream) key, TState state, long version)
    {
        // Old days' streams are not needed again: a full cache is simply emptied and refills on demand.
        if (folded.Count >= capacity && !folded.ContainsKey(key)) folded.Clear();
        folded.AddOrUpdate(key, (state, version), (_, existing) => existing.Version >= version ? existing : (state, version));
    }
}
