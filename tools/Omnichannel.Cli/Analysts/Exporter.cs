using Npgsql;

namespace Omnichannel.Cli.Analysts;

public sealed record ExportOptions
{
    public required ExportFilter Filter { get; init; }
    public ExportFormat Format { get; init; } = ExportFormat.Ndjson;
    public bool Pseudonymise { get; init; }
    /// <summary>Events read per query; memory holds one page.</summary>
    public int PageSize { get; init; } = 20_000;
    /// <summary>Events per Parquet row group; memory holds two (one filled, one being written).</summary>
    public int RowGroupSize { get; init; } = 25_000;
}

/// <summary>How an export ended: events written, and the position to give <c>--after</c> to go on from there
/// (complete or interrupted, nothing before it is missing and nothing after it was written).</summary>
public sealed record ExportResult(long Events, Positions Position, bool Interrupted);

/// <summary>Progress as positions covered out of the total span of the selected ranges (cheap: no count query).</summary>
public sealed record ExportProgress(long Covered, long Total, long Events);

/// <summary>
/// Streams the selected events into one writer in constant memory, service after service in the order of the
/// platform's list, each along its global sequence. A cancellation (Ctrl-C) stops between two events: what was
/// handed to the writer is completed (a Parquet file gets its last row group and footer) and the position of the
/// last event written is returned.
/// </summary>
public sealed class Exporter(NpgsqlDataSource dataSource)
{
    private readonly EventStoreReader reader = new(dataSource);

    public async Task<ExportResult> RunAsync(ExportOptions options, Func<Stream> openOutput,
        Action<ExportProgress>? progress, CancellationToken cancellationToken)
    {
        if (options.PageSize < 1 || options.RowGroupSize < 1) throw new ExportInputException("--page-size and --row-group-size must be at least 1.");
        var ranges = await reader.PlanAsync(options.Filter, CancellationToken.None);
        var shaper = new EventShaper(options.Pseudonymise ? Pseudonymiser.ForOneExport() : null);
        IReadOnlyList<DataColumn> columns = options.Format == ExportFormat.Ndjson
            ? []
            : FlatRow.Columns(await reader.DataFieldsAsync(ranges, options.Filter, CancellationToken.None), shaper);

        Stream output;
        try
        {
            output = openOutput();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ExportInputException($"Cannot write the output: {e.Message}");
        }

        var position = new Positions();
        foreach (var range in ranges) position.Set(range.Service, range.After);
        var total = ranges.Sum(r => r.UpTo - r.After);
        long covered = 0, events = 0;
        var interrupted = false;

        await using (var writer = Create(options, output, shaper, columns))
        {
            foreach (var range in ranges)
            {
                var last = range.After;
                try
                {
                    await foreach (var e in reader.ReadAsync(range, options.Filter, options.PageSize, cancellationToken))
                    {
                        await writer.WriteAsync(e);
                        events++;
                        covered += e.Position - last;
                        last = e.Position;
                        position.Set(range.Service, last);
                        progress?.Invoke(new ExportProgress(covered, total, events));
                        if (cancellationToken.IsCancellationRequested) break;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                }
                if (cancellationToken.IsCancellationRequested)
                {
                    interrupted = true;
                    break;
                }
                // The whole range was read: the position is its end even when the last events were filtered out.
                covered += range.UpTo - last;
                position.Set(range.Service, range.UpTo);
                progress?.Invoke(new ExportProgress(covered, total, events));
            }
            await writer.CompleteAsync();
        }
        return new ExportResult(events, position, interrupted);
    }

    private static IEventWriter Create(ExportOptions options, Stream output, EventShaper shaper, IReadOnlyList<DataColumn> columns) =>
        options.Format switch
        {
            ExportFormat.Csv => new CsvEventWriter(output, shaper, columns),
            ExportFormat.Parquet => new ParquetEventWriter(output, shaper, columns, options.RowGroupSize),
            _ => new NdjsonEventWriter(output, shaper),
        };
}
