namespace Omnichannel.Appointments.Booking;

/// <summary>
/// Lets one booking at a time per slot through in this process (striped locks, bounded memory). Correctness does
/// not depend on it — the slot stream's expected version does, across replicas — but under a flash crowd it turns
/// a herd of optimistic retries on one stream into a short queue, which is what keeps the tail latency down.
/// </summary>
public sealed class SlotGate
{
    private readonly SemaphoreSlim[] stripes = Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<T> RunAsync<T>(string streamKey, Func<Task<T>> work, CancellationToken ct)
    {
        var stripe = stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(streamKey) % (uint)stripes.Length)];
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
}
