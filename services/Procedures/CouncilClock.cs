namespace Omnichannel.Procedures;

/// <summary>The council's local date: campaigns open and close on Madrid days, not UTC ones.</summary>
internal static class CouncilClock
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Madrid).DateTime);
}
