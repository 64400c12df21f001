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
    public int RowGroupSize { get; init; } = 10_000;
    /// <summary>Events per sample window for the CSV and Parquet columns' typing (0: the exact pass at once).</summary>
    public int SampleWindow { get; init; } = EventStoreReader.SampleWindow;
}

/// <summary>How an export ended: events written, and the position to give <c>--after</c> to go on from there
/// (complete or interrupted, nothing before it is missing and nothing after it was written).</summary>
public sealed record ExportResult(long Events, Positions Position, bool Interrupted)
{
    /// <summary>The columns typed from a sample did not fit an event: the export was started again on the exact ones.</summary>
    public bool Retyped { get; init; }
}

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

        Stream output;
        try
        {
            output = openOutput();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ExportInputException($"Cannot write the output: {e.Message}");
        }

        if (options.Format == ExportFormat.Ndjson) return await RunOnceAsync(options, ranges, shaper, [], sampled: false, output, progress, cancellationToken);

        // Columns typed from a sample first (the exact typing pass costs PostgreSQL nearly as much as the export's own
        // reading); an event the sample did not foresee starts the export again, into the same file, on the exact
        // shapes. Only a file can be started again: a stream (stdout) gets the exact shapes at once.
        var retyped = false;
        if (output.CanSeek && options.SampleWindow > 0)
        {
            var done = false;
            try
            {
                var sampledColumns = FlatRow.Columns(await reader.SampledDataFieldsAsync(ranges, options.Filter, options.SampleWindow, CancellationToken.None), shaper);
                var result = await RunOnceAsync(options, ranges, shaper, sampledColumns, sampled: true, new KeptOpen(output), progress, cancellationToken);
                done = true;
                return result;
            }
            catch (DataShapeMismatchException)
            {
                retyped = true;
                output.SetLength(0);
                output.Position = 0;
            }
            finally
            {
                if (done) await output.DisposeAsync();
            }
        }
        var columns = FlatRow.Columns(await reader.DataFieldsAsync(ranges, options.Filter, CancellationToken.None), shaper);
        return await RunOnceAsync(options, ranges, shaper, columns, sampled: false, output, progress, cancellationToken) with { Retyped = retyped };
    }

    private async Task<ExportResult> RunOnceAsync(ExportOptions options, IReadOnlyList<ServiceRange> ranges, EventShaper shaper,
        IReadOnlyList<DataColumn> columns, bool sampled, Stream output, Action<ExportProgress>? progress, CancellationToken cancellationToken)
    {
        var position = new Positions();
        foreach (var range in ranges) position.Set(range.Service, range.After);
        var total = ranges.Sum(r => r.UpTo - r.After);
        long covered = 0, events = 0;
        var interrupted = false;

        await using (var writer = Create(options, output, shaper, columns, sampled))
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

    private static IEventWriter Create(ExportOptions options, Stream output, EventShaper shaper, IReadOnlyList<DataColumn> columns, bool sampled) =>
        options.Format switch
        {
            ExportFormat.Csv => new CsvEventWriter(output, shaper, columns, sampled),
            ExportFormat.Parquet => new ParquetEventWriter(output, shaper, columns, options.RowGroupSize, sampled),
            _ => new NdjsonEventWriter(output, shaper),
        };
}

/// <summary>The output of a first attempt that may be started again: its writer's disposal leaves the file open.</summary>
internal sealed class KeptOpen(Stream inner) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => inner.Position = value; }
    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void SetLength(long value) => inner.SetLength(value);
    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    public override void WriteByte(byte value) => inner.WriteByte(value);

    // Flushed, never closed: the attempt's end (complete or not) is the caller's to decide.
    protected override void Dispose(bool disposing) { if (disposing) inner.Flush(); }
    public override async ValueTask DisposeAsync() => await inner.FlushAsync();
}
