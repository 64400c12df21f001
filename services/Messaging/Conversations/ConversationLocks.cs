namespace Omnichannel.Messaging.Conversations;

/// <summary>
/// One writer at a time per conversation in this process: the webhook (a citizen's message) and the replies
/// subscription (recording a reply as sent) otherwise race for the same stream when a citizen writes again right after
/// an answer, and every lost race is not only a retry: the rolled-back append has consumed event sequence numbers, and
/// the async daemon waits ~3 s at such a gap before it skips it — holding up every conversation's replies. Striped
/// (a fixed number of locks chosen by the stream's hash), so memory stays flat however many chats there are; two
/// conversations sharing a stripe only wait for each other's short transaction. Another instance can still race: the
/// appends keep stating their version, and ConcurrencyRetry decides again.
/// </summary>
public sealed class ConversationLocks
{
    private const int Stripes = 1024;
    private readonly SemaphoreSlim[] stripes = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> EnterAsync(string tenant, string streamKey, CancellationToken ct)
    {
        var gate = stripes[(int)((uint)StringComparer.Ordinal.GetHashCode($"{tenant}/{streamKey}") % Stripes)];
        await gate.WaitAsync(ct);
        return new Held(gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) gate.Release();
        }
    }
}
