using JasperFx.Events;
using Marten;

namespace Omnichannel.BuildingBlocks.EventStore;

/// <summary>
/// The one way services change state: load the stream, fold it with <c>Evolve</c>, let the pure
/// <c>Decide</c> produce events, append them at the version that was read. A concurrent writer
/// makes the save fail with a concurrency exception (turned into a 409 problem) and nothing is written.
/// </summary>
public static class StreamAppends
{
    public sealed record Decided<TState>(TState State, long Version, IReadOnlyList<object> Events);

    public static async Task<(TState State, long Version)> LoadAsync<TState>(
        this IQuerySession session, string streamKey, TState initial, Func<TState, object, TState> evolve, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(streamKey, token: ct);
        var state = initial;
        foreach (var e in events) state = evolve(state, e.Data);
        return (state, events.Count == 0 ? 0 : events[^1].Version);
    }

    /// <summary>Decides and appends at the expected version; when <paramref name="expectedVersion"/> is
    /// given (the client's If-Match), it must equal the version read, else 412 before anything is written.</summary>
    public static async Task<Decided<TState>> DecideAndAppendAsync<TState>(
        this IDocumentSession session,
        string streamKey,
        TState initial,
        Func<TState, object, TState> evolve,
        Func<TState, IReadOnlyList<object>> decide,
        CancellationToken ct,
        long? expectedVersion = null)
    {
        var (state, version) = await session.LoadAsync(streamKey, initial, evolve, ct);
        if (expectedVersion is { } expected && expected != version)
            throw new PreconditionFailed(expected, version);

        var events = decide(state);
        if (events.Count > 0)
        {
            if (version == 0) session.Events.StartStream(streamKey, events);
            else session.Events.Append(streamKey, version + events.Count, events);
            await session.SaveChangesAsync(ct);
        }

        foreach (var e in events) state = evolve(state, e);
        return new Decided<TState>(state, version + events.Count, events);
    }
}

public static class LogAppends
{
    /// <summary>Appends to an append-only log stream (a history, a feed) at the version it has now, starting
    /// it when missing. No rule depends on the log's state, but two writers still cannot interleave
    /// unnoticed: the loser's save fails and its message is retried.</summary>
    public static async Task AppendToLogAsync(this IDocumentSession session, string streamKey, CancellationToken ct, params object[] events)
    {
        var state = await session.Events.FetchStreamStateAsync(streamKey, ct);
        if (state is null) session.Events.StartStream(streamKey, events);
        else session.Events.Append(streamKey, state.Version + events.Length, events);
    }
}

/// <summary>The stream moved on since the caller read it.</summary>
public sealed class ConcurrencyConflict(long expected, long actual)
    : Exception($"It is at version {actual}, not {expected}: someone else changed it since you read it. Reload and try again.");

/// <summary>The client's If-Match names a version the stream has moved on from: 412, nothing written.</summary>
public sealed class PreconditionFailed(long expected, long actual)
    : Exception($"You sent If-Match \"{expected}\" but it is at \"{actual}\": someone else changed it since you read it. Reload and try again.");
