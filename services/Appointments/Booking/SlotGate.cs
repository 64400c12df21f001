using System.Collections.Concurrent;
using Omnichannel.Appointments.Slots;

namespace Omnichannel.Appointments.Booking;

/// <summary>
/// Lets one booking at a time per slot through in this process (striped locks, bounded memory), and remembers each
/// slot's state as its last booking here saved it, so the next one in the queue decides without reading the stream.
/// Correctness does not depend on either — the slot stream's expected version does, across replicas: a remembered
/// state that another writer has moved past fails the save and is read afresh. Under a flash crowd this turns a herd
/// of optimistic retries on one stream into a short queue whose turns cost one write each.
/// </summary>
public sealed class SlotGate(TimeProvider clock)
{
    /// <summary>How old a remembered state may be and still refuse a booking.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1);

    private const int MaxRemembered = 20_000;
    private readonly SemaphoreSlim[] stripes = Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly ConcurrentDictionary<string, (SlotUnit State, long Version, long SavedAt)> remembered = new(StringComparer.Ordinal);

    public async Task<T> RunAsync<T>(string tenantId, string slotKey, Func<Task<T>> work, CancellationToken ct)
    {
        var stripe = stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(Key(tenantId, slotKey)) % (uint)stripes.Length)];
        await stripe.WaitAsync(ct);
        try
        {
            return await work();
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>The slot as this process last saved it; call only inside <see cref="RunAsync{T}"/> for that slot.</summary>
    public bool TryRecall(string tenantId, string slotKey, out SlotUnit state, out long version)
    {
        var found = remembered.TryGetValue(Key(tenantId, slotKey), out var entry);
        (state, version) = found ? (entry.State, entry.Version) : (SlotUnit.Initial, 0);
        return found;
    }

    /// <summary>Whether the remembered state was saved here within the last second: recent enough to refuse a booking
    /// on (a place freed by another replica meanwhile is no older news than a search's one-second answer). Measured on
    /// the injected clock's monotonic timestamps, so a test moves time instead of sleeping.</summary>
    public bool RecentlySaved(string tenantId, string slotKey) =>
        remembered.TryGetValue(Key(tenantId, slotKey), out var entry) && clock.GetElapsedTime(entry.SavedAt) < FreshFor;

    public void Remember(string tenantId, string slotKey, SlotUnit state, long version)
    {
        // Crowds move from day to day; a full table is simply started again (a forgotten slot costs one read).
        if (remembered.Count >= MaxRemembered) remembered.Clear();
        remembered[Key(tenantId, slotKey)] = (state, version, clock.GetTimestamp());
    }

    /// <summary>Someone wrote the slot outside the gate (a cancellation, a reschedule, a confirmation) or a save at the
    /// remembered version failed: the next booking reads the stream.</summary>
    public void Forget(string tenantId, string slotKey) => remembered.TryRemove(Key(tenantId, slotKey), out _);

    private static string Key(string tenantId, string slotKey) => $"{tenantId}/{slotKey}";
}
