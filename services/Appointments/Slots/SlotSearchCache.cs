using System.Collections.Concurrent;

namespace Omnichannel.Appointments.Slots;

/// <summary>
/// Free slots are asked for far more often than they change (a crowd refreshing the day bookings open): the same
/// question within a second gets the same answer, computed once, and any booking change in this process makes its
/// council's answers stale at once. Another replica's bookings show within the second; a slot shown free that was
/// just taken only costs the citizen a "taken, choose another" answer — the slot stream decides, never this cache.
/// </summary>
public sealed class SlotSearchCache(TimeProvider clock)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);
    private const int MaxAnswers = 10_000;

    private readonly ConcurrentDictionary<string, long> generations = new();
    private readonly ConcurrentDictionary<(string Tenant, string Question), Answer> answers = new();

    public Task<T> GetOrComputeAsync<T>(string tenant, string question, Func<Task<T>> compute) where T : class
    {
        var generation = generations.GetValueOrDefault(tenant);
        var now = clock.GetUtcNow();
        var fresh = new Answer(generation, now + Freshness, new Lazy<Task<object>>(async () => await compute()));
        if (answers.Count >= MaxAnswers) answers.Clear();
        var answer = answers.AddOrUpdate((tenant, question), fresh,
            (_, old) => old.Generation == generation && old.Until > now && !old.Result.Value.IsFaulted && !old.Result.Value.IsCanceled ? old : fresh);
        return Cast<T>(answer.Result.Value);
    }

    /// <summary>Something was booked, held, moved or freed in this council: answer every question afresh.</summary>
    public void SlotsChanged(string tenant) => generations.AddOrUpdate(tenant, 1, (_, g) => g + 1);

    private static async Task<T> Cast<T>(Task<object> task) => (T)await task;

    private sealed record Answer(long Generation, DateTimeOffset Until, Lazy<Task<object>> Result);
}
