using System.Globalization;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Cli.Analysts;

namespace Omnichannel.Analytics.Exporting;

/// <summary>The analysts' export for staff without database access: the caller's council only, NDJSON streamed as it
/// is read (constant memory), pseudonymised by default. No stream filter here: a stream id can name a citizen, and
/// personal data stays out of URLs (the CLI has --stream).</summary>
public static class ExportEndpoint
{
    public static async Task Handle(HttpContext http, string[]? service, string[]? type, string? from, string? to, string? after, string? upTo,
        bool? pseudonymise, AnalyticsDatabase database, CancellationToken ct)
    {
        var selected = service is { Length: > 0 } ? service.Distinct().ToArray() : ServiceCatalog.Names.ToArray();
        foreach (var s in selected)
            if (!ServiceCatalog.Exists(s)) throw Rejection.Invalid("service", $"A service of the platform: {string.Join(", ", ServiceCatalog.Names)}.");
        var filter = new ExportFilter
        {
            Services = ServiceCatalog.Names.Where(selected.Contains).ToArray(),
            EventTypes = type ?? [],
            Councils = [RequestContext.RequiredTenantId],
            From = Instant(from, "from"),
            To = Instant(to, "to"),
            After = PositionsOf(after, selected, "after"),
            UpTo = PositionsOf(upTo, selected, "upTo"),
        };
        var exporter = new Exporter(database.DataSource);
        try
        {
            // The plan (and its bad-input answers) comes before the first byte: then the 200 and the stream.
            await exporter.RunAsync(new ExportOptions { Filter = filter, Format = ExportFormat.Ndjson, Pseudonymise = pseudonymise ?? true },
                () =>
                {
                    http.Response.ContentType = "application/x-ndjson";
                    http.Response.Headers.CacheControl = "no-store";
                    return new KeepOpen(http.Response.Body);
                }, null, ct);
        }
        catch (ExportInputException e)
        {
            throw Rejection.Invalid(e.Field ?? "service", e.Message.Replace("--up-to", "upTo").Replace("--after", "after").Replace("--from", "from").Replace("--to", "to"));
        }
    }

    private static DateTimeOffset? Instant(string? text, string field)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)) return value;
        throw Rejection.Invalid(field, "An instant (ISO 8601, e.g. 2026-01-01T00:00:00Z).");
    }

    private static Positions PositionsOf(string? text, IReadOnlyList<string> selected, string field)
    {
        if (text is null) return new Positions();
        var (value, problem) = Positions.Parse(text, selected, field);
        return value ?? throw Rejection.Invalid(field, problem!);
    }

    /// <summary>The response body outlives the export's writer.</summary>
    private sealed class KeepOpen(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
        public override void WriteByte(byte value) => inner.WriteByte(value);
        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
        protected override void Dispose(bool disposing) { }
    }
}
