namespace Omnichannel.Cli.Analysts;

public enum ExportFormat { Ndjson, Csv, Parquet }

/// <summary>What to export: services (all of the list when empty), event types (Marten's type names, e.g.
/// <c>case_submitted</c>), councils, streams, an append-time range [From, To) and positions (After, UpTo].</summary>
public sealed record ExportFilter
{
    public IReadOnlyList<string> Services { get; init; } = ServiceCatalog.Names;
    public IReadOnlyList<string> EventTypes { get; init; } = [];
    public IReadOnlyList<string> Councils { get; init; } = [];
    public IReadOnlyList<string> Streams { get; init; } = [];
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public Positions After { get; init; } = new();
    public Positions UpTo { get; init; } = new();
}

/// <summary>Bad input: a message for the analyst and a non-zero exit, never a stack trace.</summary>
public sealed class ExportInputException(string message, string? field = null) : Exception(message)
{
    /// <summary>The input at fault, named as the staff endpoint's query parameter (service, type, from, to, after, upTo).</summary>
    public string? Field { get; } = field;
}

/// <summary>An event has a data field, or a value of a type, that the columns typed from a sample of the range lack:
/// the export starts again on the exact shapes (an internal signal, never shown to the analyst).</summary>
public sealed class DataShapeMismatchException(string field) : Exception($"The data field '{field}' does not fit the sampled columns.")
{
    public string Field { get; } = field;
}
