using System.Globalization;

namespace Omnichannel.Cli.Analysts;

/// <summary>
/// A position in the event store per service: Marten's global sequence (<c>seq_id</c>) is per schema, so a resumable
/// position names one per service, written <c>procedures=120,citizens=45</c>. A bare number is accepted when one
/// service is selected.
/// </summary>
public sealed class Positions
{
    private readonly SortedDictionary<string, long> values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Values => values;

    public long? Of(string service) => values.TryGetValue(service, out var v) ? v : null;

    public void Set(string service, long position) => values[service] = position;

    public override string ToString() => string.Join(',', values.Select(v => $"{v.Key}={v.Value.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>Parses <c>service=N[,service=N…]</c>, or a bare <c>N</c> for the only selected service; null and a
    /// message when it is not one.</summary>
    public static (Positions? Value, string? Error) Parse(string text, IReadOnlyList<string> selected, string option)
    {
        var result = new Positions();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bare))
        {
            if (selected.Count != 1)
                return (null, $"{option}: a bare position needs exactly one --service; write service=N for each (e.g. {selected[0]}={bare}).");
            result.Set(selected[0], bare);
            return (result, null);
        }
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', 2);
            if (pieces.Length != 2 || !long.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
                return (null, $"{option}: '{part}' is not service=N with N a non-negative whole number.");
            if (!ServiceCatalog.Exists(pieces[0]))
                return (null, $"{option}: unknown service '{pieces[0]}'. Services: {string.Join(", ", ServiceCatalog.Names)}.");
            result.Set(pieces[0], position);
        }
        return (result, null);
    }
}
