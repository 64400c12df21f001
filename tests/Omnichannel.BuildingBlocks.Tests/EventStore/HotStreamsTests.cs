using Marten;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Tests.Outbox;

namespace Omnichannel.BuildingBlocks.Tests.EventStore;

/// <summary>Many writers deciding on one stream at once (desks on an office's day), in one process and across two.</summary>
public sealed class HotStreamsTests
{
    private const int Places = 30;

    /// <summary>A stream with a fixed number of places: a decision takes one or is refused.</summary>
    private sealed record Places_(int Taken);

    private static Places_ Evolve(Places_ state, object e) => e is PingRecorded ? state with { Taken = state.Taken + 1 } : state;

    private static IReadOnlyList<object> TakeOne(Places_ state, int number) =>
        state.Taken < Places ? [new PingRecorded(number)] : throw Rejection.Conflict("No place left.");

    [Fact]
    public async Task Concurrent_writers_in_one_process_take_exactly_the_places_there_are_each_with_its_own_version()
    {
        await using var service = await PingService.StartAsync();
        var streams = new HotStreams<Places_>(new Places_(0), Evolve);
        var stream = $"places:{Guid.NewGuid():N}";

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 80).Select(n => Task.Run(async () =>
        {
            using var _ = RequestContext.Begin("mataro", $"request-{n}");
            try
            {
                return (n, Decided: await streams.DecideAndAppendAsync(service.Store, stream, s => TakeOne(s, n), CancellationToken.None), Refused: false);
            }
            catch (Rejection)
            {
                return (n, Decided: (StreamAppends.Decided<Places_>?)null, Refused: true);
            }
        })));

        Assert.Equal(Places, outcomes.Count(o => o.Decided is not null));
        Assert.Equal(80 - Places, outcomes.Count(o => o.Refused));
        // Each caller got the state right after its own event, at its own version.
        Assert.Equal(Enumerable.Range(1, Places), outcomes.Where(o => o.Decided is not null).Select(o => (int)o.Decided!.Version).Order());
        Assert.All(outcomes.Where(o => o.Decided is not null), o => Assert.Equal(o.Decided!.Version, o.Decided.State.Taken));

        await using var session = service.Store.QuerySession("mataro");
        var stored = await session.Events.FetchStreamAsync(stream);
        Assert.Equal(Places, stored.Count);
        // Saved together or not, every event carries the correlation id of the request that decided it.
        Assert.All(stored, e => Assert.Equal($"request-{((PingRecorded)e.Data).Number}", e.CorrelationId));
    }

    [Fact]
    public async Task Two_replicas_deciding_on_the_same_stream_never_take_more_places_than_there_are()
    {
        await using var service = await PingService.StartAsync();
        // Two instances stand for two processes: each has its own memory of the stream and its own queue.
        var replicas = new[] { new HotStreams<Places_>(new Places_(0), Evolve), new HotStreams<Places_>(new Places_(0), Evolve) };
        var stream = $"places:{Guid.NewGuid():N}";

        var taken = await Task.WhenAll(Enumerable.Range(0, 80).Select(n => Task.Run(async () =>
        {
            using var _ = RequestContext.Begin("mataro", null);
            try
            {
                await replicas[n % 2].DecideAndAppendAsync(service.Store, stream, s => TakeOne(s, n), CancellationToken.None);
                return 1;
            }
            catch (Rejection)
            {
                return 0;
            }
        })));

        Assert.Equal(Places, taken.Sum());
        await using var session = service.Store.QuerySession("mataro");
        Assert.Equal(Places, (await session.Events.FetchStreamAsync(stream)).Count);
    }

    [Fact]
    public async Task A_refused_decision_fails_only_its_caller_when_saved_in_the_same_batch_as_others()
    {
        await using var service = await PingService.StartAsync();
        var streams = new HotStreams<Places_>(new Places_(0), Evolve);
        var stream = $"places:{Guid.NewGuid():N}";

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(n => Task.Run(async () =>
        {
            using var _ = RequestContext.Begin("mataro", null);
            try
            {
                // Every odd caller's decision is refused, whatever the state.
                await streams.DecideAndAppendAsync(service.Store, stream,
                    s => n % 2 == 1 ? throw Rejection.Invalid("number", "Odd numbers are refused.") : TakeOne(s, n), CancellationToken.None);
                return n % 2 == 0;
            }
            catch (Rejection)
            {
                return n % 2 == 1;
            }
        })));

        Assert.All(results, Assert.True);
        await using var session = service.Store.QuerySession("mataro");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => 2 * i), (await session.Events.FetchStreamAsync(stream)).Select(e => ((PingRecorded)e.Data).Number).Order());
    }
}
