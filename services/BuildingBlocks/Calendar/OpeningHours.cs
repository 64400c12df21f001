using System.Globalization;
using System.Text.RegularExpressions;

namespace Omnichannel.BuildingBlocks.Calendar;

/// <summary>
/// Wall-clock opening hours within one local day, e.g. 09:00–14:00.
/// Times are offsets from local midnight so that a close of 24:00 (end of day) can be written.
/// </summary>
public readonly partial record struct OpeningHours
{
    private static readonly TimeSpan EndOfDay = TimeSpan.FromHours(24);

    public OpeningHours(TimeSpan open, TimeSpan close)
    {
        if (open < TimeSpan.Zero || close > EndOfDay)
            throw new ArgumentException($"Opening hours must lie between 00:00 and 24:00 (got {Format(open)}-{Format(close)}).");
        if (close <= open)
            throw new ArgumentException($"Opening hours {Format(open)}-{Format(close)} must close after they open.");
        Open = open;
        Close = close;
    }

    public TimeSpan Open { get; }

    public TimeSpan Close { get; }

    /// <summary>Parses "HH:mm-HH:mm" (24-hour clock; "24:00" allowed as a close).</summary>
    /// <exception cref="FormatException">The text is malformed or closes before it opens.</exception>
    public static OpeningHours Parse(string text)
    {
        var match = RangePattern().Match(text ?? "");
        if (!match.Success
            || !TryTime(match.Groups["oh"].Value, match.Groups["om"].Value, out var open)
            || !TryTime(match.Groups["ch"].Value, match.Groups["cm"].Value, out var close)
            || open == EndOfDay)
        {
            throw new FormatException($"\"{text}\" is not a time range in the form \"HH:mm-HH:mm\" (e.g. \"09:00-18:00\").");
        }

        if (close <= open)
            throw new FormatException($"\"{text}\" closes before it opens.");

        return new OpeningHours(open, close);
    }

    public bool Overlaps(OpeningHours other) => Open < other.Close && other.Open < Close;

    public override string ToString() => $"{Format(Open)}-{Format(Close)}";

    private static bool TryTime(string hours, string minutes, out TimeSpan time)
    {
        var h = int.Parse(hours, CultureInfo.InvariantCulture);
        var m = int.Parse(minutes, CultureInfo.InvariantCulture);
        time = new TimeSpan(h, m, 0);
        return m < 60 && time <= EndOfDay;
    }

    // "hh" would print 24:00 as 00:00, so format from total hours.
    private static string Format(TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}");

    [GeneratedRegex(@"^\s*(?<oh>\d{2}):(?<om>\d{2})\s*-\s*(?<ch>\d{2}):(?<cm>\d{2})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();
}
