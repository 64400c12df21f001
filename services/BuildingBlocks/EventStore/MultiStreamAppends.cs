using Marten;
using Marten.Services.BatchQuerying;

namespace Omnichannel.BuildingBlocks.EventStore;

/// <summary>
/// For decisions that span several streams (a slot, a citizen's agenda, an appointment): each stream is read
/// through the set, which remembers the version it was read at; the decided events are then appended to every
/// stream at that version and saved in one transaction. If any stream moved on, nothing is written.
/// </summary>
public sealed class StreamSet(IDocumentSession session)
{
    private readonly Dictionary<string, long> versions = new(StringComparer.Ordinal);

    public IDocumentSession Session { get; } = session;

    private readonly Dictionary<string, Task<IReadOnlyList<JasperFx.Events.IEvent>>> fetched = new(StringComparer.Ordinal);

    public async Task<TState> LoadAsync<TState>(string streamKey, TState initial, Func<TState, object, TState> evolve, CancellationToken ct)
    {
        var events = fetched.Remove(streamKey, out var pending) ? await pending : await Session.Events.FetchStreamAsync(streamKey, token: ct);
        var state = initial;
        foreach (var e in events) state = evolve(state, e.Data);
        versions[streamKey] = events.Count == 0 ? 0 : events[^1].Version;
        return state;
    }

    /// <summary>Adds the reads of these streams to a batch the caller executes (with reads of its own); the next
    /// <see cref="LoadAsync{TState}"/> of each, after the batch ran, uses what was read.</summary>
    public void Enlist(IBatchedQuery batch, params string[] streamKeys)
    {
        foreach (var key in streamKeys.Distinct(StringComparer.Ordinal)) fetched[key] = batch.Events.FetchStream(key);
    }

    /// <summary>A stream this decision starts (an id it just made up): nothing to read, its expected version is "new".</summary>
    public TState New<TState>(string streamKey, TState initial) => Known(streamKey, initial, 0);

    /// <summary>A stream whose state the caller already holds at a known version (as its own last save left it): not
    /// read again, and saved at that version, so a stale state fails the save rather than deciding wrongly.</summary>
    public TState Known<TState>(string streamKey, TState state, long version)
    {
        versions[streamKey] = version;
        return state;
    }

    /// <summary>The version a stream was read at, or reached by the last save through this set.</summary>
    public long VersionOf(string streamKey) => versions[streamKey];

    /// <summary>Appends each stream's events at the version it was read (starting streams read as missing) and saves.
    /// Returns false when there was nothing to write.</summary>
    public async Task<bool> AppendAndSaveAsync(IEnumerable<(string StreamKey, IReadOnlyList<object> Events)> changes, CancellationToken ct)
    {
        var any = false;
        foreach (var (key, events) in changes)
        {
            if (events.Count == 0) continue;
            if (!versions.TryGetValue(key, out var version))
                throw new InvalidOperationException($"Stream '{key}' was not read through this set: its expected version is unknown.");
            if (version == 0) Session.Events.StartStream(key, events);
            else Session.Events.Append(key, version + events.Count, events);
            versions[key] = version + events.Count;
            any = true;
        }
        if (any) await Session.SaveChangesAsync(ct);
        return any;
    }
}

/// <summary>Optimistic concurrency with a retry: a decision that lost a race is taken again against the new state.</summary>
public static class ConcurrencyRetry
{
    /// <summary>Runs <paramref name="attempt"/> (which should open its own session) again when its save lost a race on a
    /// stream version, up to <paramref name="maxAttempts"/> times with a short jittered pause; the last loss is rethrown
    /// (a 409). Rejections from the decision itself are never retried.</summary>
    public static async Task<T> RetryOnConflictAsync<T>(Func<Task<T>> attempt, CancellationToken ct, int maxAttempts = 12)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (i < maxAttempts && LostRace.Is(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * i)), ct);
            }
        }
    }
}
