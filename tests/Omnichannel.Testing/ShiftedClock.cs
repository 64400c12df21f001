namespace Omnichannel.Testing;

/// <summary>The real clock moved by <see cref="Offset"/>: time still runs (timeouts, polls), but a service can be put
/// at a chosen moment, e.g. the queues service inside an office's opening hours or at an appointment's time, while
/// the other services keep the real time. Offset zero is the real clock.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
        set => Interlocked.Exchange(ref offsetTicks, value.Ticks);
    }

    /// <summary>Puts the clock at <paramref name="instant"/> now (it runs on from there).</summary>
    public void MoveTo(DateTimeOffset instant) => Offset = instant - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;
}
