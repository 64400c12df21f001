using Omnichannel.BuildingBlocks.Reliability;

namespace Omnichannel.BuildingBlocks.Tests.Reliability;

/// <summary>Calls that arrive together run as one batch, each caller gets its own result, and one bad item fails only its own caller.</summary>
public sealed class GroupedCallsTests
{
    [Fact]
    public async Task Calls_queued_while_a_batch_runs_go_together_in_the_next_each_answered_its_own_result()
    {
        var batches = new List<IReadOnlyList<int>>();
        var firstRunning = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        var grouped = new GroupedCalls<string, int, string>(async (_, items) =>
        {
            lock (batches) batches.Add(items);
            if (items.Contains(0))
            {
                firstRunning.SetResult();
                await releaseFirst.Task;
            }
            return items.Select(i => $"answer {i}").ToList();
        }, maxBatch: 100, inFlight: 1);

        // Given a lone call running (no timer: it went at once)
        var first = grouped.CallAsync("room", 0);
        await firstRunning.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // When three more arrive meanwhile
        var next = new[] { 1, 2, 3 }.Select(i => grouped.CallAsync("room", i)).ToList();
        releaseFirst.SetResult();

        // Then they go together in one batch, in the order they came, and each gets its own answer
        Assert.Equal("answer 0", await first.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["answer 1", "answer 2", "answer 3"], await Task.WhenAll(next).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([[0], [1, 2, 3]], batches.Select(b => b.ToArray()));
    }

    [Fact]
    public async Task A_batch_that_fails_is_run_again_one_call_at_a_time_so_only_the_bad_one_fails()
    {
        var gate = new TaskCompletionSource();
        var grouped = new GroupedCalls<string, int, int>(async (_, items) =>
        {
            await gate.Task;
            // A bad item fails whatever batch holds it (one statement, one transaction).
            if (items.Contains(-1)) throw new InvalidOperationException("bad input");
            return items.Select(i => i * 10).ToList();
        }, maxBatch: 100, inFlight: 1);

        var blocker = grouped.CallAsync("room", 0);
        var calls = new[] { 1, -1, 2 }.Select(i => grouped.CallAsync("room", i)).ToList();
        gate.SetResult();

        Assert.Equal(0, await blocker.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(10, await calls[0].WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => calls[1].WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(20, await calls[2].WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Calls_under_different_keys_never_share_a_batch()
    {
        var batches = new List<(string Key, int[] Items)>();
        var grouped = new GroupedCalls<string, int, int>((key, items) =>
        {
            lock (batches) batches.Add((key, items.ToArray()));
            return Task.FromResult<IReadOnlyList<int>>(items.ToList());
        }, maxBatch: 100, inFlight: 1);

        // Room "a" gets odd numbers, room "b" even ones.
        await Task.WhenAll(Enumerable.Range(1, 40).Select(i => grouped.CallAsync(i % 2 == 1 ? "a" : "b", i)));

        Assert.All(batches, b => Assert.All(b.Items, i => Assert.Equal(b.Key == "a" ? 1 : 0, i % 2)));
        Assert.Equal(40, batches.Sum(b => b.Items.Length));
    }
}
