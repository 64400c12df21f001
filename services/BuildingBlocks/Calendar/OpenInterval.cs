namespace Omnichannel.BuildingBlocks.Calendar;

/// <summary>A span of time during which a calendar is open: <c>[Start, End)</c>, as instants.</summary>
public readonly record struct OpenInterval(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Open at <see cref="Start"/>, already closed at <see cref="End"/>.</summary>
    public bool Contains(DateTimeOffset instant) => Start <= instant && instant < End;
}
