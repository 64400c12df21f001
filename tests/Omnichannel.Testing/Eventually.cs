namespace Omnichannel.Testing;

/// <summary>Waits for an effect that arrives asynchronously (through the outbox and the bus). Not a timing
/// assertion: the timeout is generous and only bounds how long a broken behaviour takes to fail.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Gave up waiting{(what is null ? "" : " for " + what)}; last value: {value}");
            await Task.Delay(100);
        }
    }
}
