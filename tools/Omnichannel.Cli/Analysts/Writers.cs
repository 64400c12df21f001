using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Parquet;
using Parquet.Schema;

namespace Omnichannel.Cli.Analysts;

/// <summary>Writes exported events in one format. Every event handed to <see cref="WriteAsync"/> is in the output
/// once <see cref="CompleteAsync"/> has returned: that is what makes the printed position resumable.</summary>
public interface IEventWriter : IAsyncDisposable
{
    ValueTask WriteAsync(StoredEvent e);
    Task CompleteAsync();
}

public enum ColumnKind { String, Long, Double, Bool }

public sealed record DataColumn(string Column, string Field, ColumnKind Kind);

/// <summary>The flat row of CSV and Parquet: CloudEvents-style attributes, then one column per top-level data field
/// (<c>data_{field}</c>) typed from what PostgreSQL saw in the selected events.</summary>
public static class FlatRow
{
    public static readonly string[] Attributes =
        ["id", "source", "type", "time", "subject", "tenantid", "correlationid", "service", "stream", "version", "position"];

    public static IReadOnlyList<DataColumn> Columns(IReadOnlyList<DataFieldShape> shapes, EventShaper shaper)
    {
        var columns = new List<DataColumn>();
        foreach (var shape in shapes)
        {
            var (kept, hashed) = shaper.ColumnOf(shape.Name);
            if (!kept) continue;
            var types = shape.JsonTypes.Where(t => t != "null").ToArray();
            var kind = hashed || types.Length != 1 ? ColumnKind.String : types[0] switch
            {
                "number" => shape.AllIntegral ? ColumnKind.Long : ColumnKind.Double,
                "boolean" => ColumnKind.Bool,
                _ => ColumnKind.String,
            };
            columns.Add(new DataColumn("data_" + shape.Name, shape.Name, kind));
        }
        return columns;
    }

    /// <summary>A field's value as text for a string column (or CSV).</summary>
    public static string? Text(JsonElement value, string? rendered) => rendered ?? value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };
}

/// <summary>One JSON object per line, built in memory and written to the output 64 KB at a time, asynchronously (so it
/// can stream an HTTP response, where synchronous writes are refused).</summary>
public sealed class NdjsonEventWriter : IEventWriter
{
    private readonly Stream output;
    private readonly EventShaper shaper;
    private readonly ArrayBufferWriter<byte> buffer = new(1 << 17);
    private readonly Utf8JsonWriter writer;

    public NdjsonEventWriter(Stream output, EventShaper shaper)
    {
        this.output = output;
        this.shaper = shaper;
        writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
    }

    // Property names and constant values encoded once, not per event.
    private static readonly JsonEncodedText SpecVersion = JsonEncodedText.Encode("specversion"), SpecVersionValue = JsonEncodedText.Encode("1.0"),
        Id = JsonEncodedText.Encode("id"), Source = JsonEncodedText.Encode("source"), Type = JsonEncodedText.Encode("type"),
        Time = JsonEncodedText.Encode("time"), Subject = JsonEncodedText.Encode("subject"), TenantId = JsonEncodedText.Encode("tenantid"),
        CorrelationId = JsonEncodedText.Encode("correlationid"), Service = JsonEncodedText.Encode("service"), StreamName = JsonEncodedText.Encode("stream"),
        Version = JsonEncodedText.Encode("version"), Position = JsonEncodedText.Encode("position"),
        ContentType = JsonEncodedText.Encode("datacontenttype"), Json = JsonEncodedText.Encode("application/json"), Data = JsonEncodedText.Encode("data");
    private string? lastService;
    private JsonEncodedText sourceValue, serviceValue;

    public async ValueTask WriteAsync(StoredEvent e)
    {
        if (!ReferenceEquals(e.Service, lastService))
        {
            lastService = e.Service;
            sourceValue = JsonEncodedText.Encode(ServiceCatalog.SourceOf(e.Service));
            serviceValue = JsonEncodedText.Encode(e.Service);
        }
        writer.WriteStartObject();
        writer.WriteString(SpecVersion, SpecVersionValue);
        writer.WriteString(Id, e.Id);
        writer.WriteString(Source, sourceValue);
        writer.WriteString(Type, e.Type);
        writer.WriteString(Time, e.Time.UtcDateTime);
        if (shaper.Subject(e) is { } subject) writer.WriteString(Subject, subject);
        writer.WriteString(TenantId, e.Tenant);
        if (e.CorrelationId is { } correlation) writer.WriteString(CorrelationId, correlation);
        writer.WriteString(Service, serviceValue);
        writer.WriteString(StreamName, shaper.Stream(e));
        writer.WriteNumber(Version, e.Version);
        writer.WriteNumber(Position, e.Position);
        writer.WriteString(ContentType, Json);
        writer.WritePropertyName(Data);
        shaper.WriteData(writer, e);
        writer.WriteEndObject();
        writer.Flush();
        buffer.Write("\n"u8);
        writer.Reset(buffer);
        if (buffer.WrittenCount >= 1 << 16) await DrainAsync();
    }

    private async Task DrainAsync()
    {
        await output.WriteAsync(buffer.WrittenMemory);
        buffer.ResetWrittenCount();
    }

    public async Task CompleteAsync()
    {
        await DrainAsync();
        await output.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync();
        await output.DisposeAsync();
    }
}

public sealed class CsvEventWriter : IEventWriter
{
    private readonly CsvWriter csv;
    private readonly EventShaper shaper;
    private readonly IReadOnlyList<DataColumn> columns;
    private readonly Dictionary<string, int> indexOf;
    private readonly string?[] values;
    private readonly TopLevelFields fields;

    public CsvEventWriter(Stream output, EventShaper shaper, IReadOnlyList<DataColumn> columns)
    {
        // RFC 4180, UTF-8; CsvHelper owns the stream from here.
        csv = CsvWriter.Create(output, CsvWriterOptions.Default, leaveOpen: false);
        this.shaper = shaper;
        this.columns = columns;
        indexOf = columns.Select((c, i) => (c.Field, i)).ToDictionary(p => p.Field, p => p.i, StringComparer.Ordinal);
        values = new string?[columns.Count];
        fields = new TopLevelFields(columns);
        csv.WriteHeader([.. FlatRow.Attributes, .. columns.Select(c => c.Column)]);
    }

    public ValueTask WriteAsync(StoredEvent e)
    {
        csv.WriteField(e.Id.ToString());
        csv.WriteField(ServiceCatalog.SourceOf(e.Service));
        csv.WriteField(e.Type);
        csv.WriteField(e.Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        csv.WriteField(shaper.Subject(e));
        csv.WriteField(e.Tenant);
        csv.WriteField(e.CorrelationId);
        csv.WriteField(e.Service);
        csv.WriteField(shaper.Stream(e));
        csv.WriteField(e.Version.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(e.Position.ToString(CultureInfo.InvariantCulture));
        Array.Clear(values);
        if (!shaper.Pseudonymises)
        {
            var json = e.Data.Span;
            var reader = TopLevelFields.Open(json);
            while (fields.Next(ref reader, out var c)) values[c] = TopLevelFields.Text(ref reader, json);
        }
        else
            shaper.ForEachField(e, (name, value, rendered) =>
            {
                if (indexOf.TryGetValue(name, out var i)) values[i] = FlatRow.Text(value, rendered);
            });
        foreach (var v in values) csv.WriteField(v);
        csv.EndRecord();
        return ValueTask.CompletedTask;
    }

    public async Task CompleteAsync() => await csv.FlushAsync();

    public async ValueTask DisposeAsync() => await csv.DisposeAsync();
}

/// <summary>Parquet with typed columns (timestamps, 64-bit integers, doubles, booleans, strings) in row groups of
/// <c>rowGroupSize</c> events. Two sets of column buffers, reused: while one row group is encoded on a second thread
/// (one in flight at most), the next is filled from the reader, so memory holds two row groups whatever the export's
/// size and the encoding no longer stops the reading.</summary>
public sealed class ParquetEventWriter : IEventWriter
{
    private readonly Stream output;
    private readonly EventShaper shaper;
    private readonly IReadOnlyList<DataColumn> columns;
    private readonly Dictionary<string, int> indexOf;
    private readonly int size;
    private readonly ParquetSchema schema;
    private ParquetWriter? writer;
    private readonly TopLevelFields fields;
    private RowGroupBuffers filling, spare;
    private Task? inFlight;

    /// <summary>Snappy at its fastest; dictionary encoding tried on a sample first, so unique columns (ids, streams)
    /// are not scanned whole for it; the writer's buffer pools bounded, so memory stays flat over many row groups.</summary>
    private static readonly ParquetOptions WriteOptions = new()
    {
        CompressionMethod = CompressionMethod.Snappy,
        CompressionLevel = System.IO.Compression.CompressionLevel.Fastest,
        DictionaryEncodingSampleSize = 1_000,
        MaximumSmallPoolFreeBytes = 4 << 20,
        MaximumLargePoolFreeBytes = 16 << 20,
    };

    /// <summary>One row group's columns, allocated once and refilled.</summary>
    private sealed class RowGroupBuffers
    {
        public readonly string[] Id, Source, Type, Tenant, Service, Stream;
        public readonly string?[] Subject, Correlation;
        public readonly DateTime[] Time;
        public readonly long[] Version, Position;
        public readonly object[] Data;
        public int Count;

        public RowGroupBuffers(int size, IReadOnlyList<DataColumn> columns)
        {
            Id = new string[size]; Source = new string[size]; Type = new string[size]; Tenant = new string[size];
            Service = new string[size]; Stream = new string[size]; Subject = new string?[size]; Correlation = new string?[size];
            Time = new DateTime[size]; Version = new long[size]; Position = new long[size];
            Data = columns.Select(c => (object)(c.Kind switch
            {
                ColumnKind.Long => new long?[size],
                ColumnKind.Double => new double?[size],
                ColumnKind.Bool => new bool?[size],
                _ => new string?[size],
            })).ToArray();
        }

        /// <summary>Empties the data columns once per row group (an absent field is null), not cell by cell.</summary>
        public void Reset()
        {
            foreach (var column in Data) Array.Clear((Array)column, 0, Count);
            Count = 0;
        }
    }

    public ParquetEventWriter(Stream output, EventShaper shaper, IReadOnlyList<DataColumn> columns, int rowGroupSize)
    {
        this.output = output;
        this.shaper = shaper;
        this.columns = columns;
        size = rowGroupSize;
        indexOf = columns.Select((c, i) => (c.Field, i)).ToDictionary(p => p.Field, p => p.i, StringComparer.Ordinal);
        filling = new RowGroupBuffers(size, columns);
        spare = new RowGroupBuffers(size, columns);
        schema = new ParquetSchema(Fields());
        fields = new TopLevelFields(columns);
    }

    public static IEnumerable<Field> AttributeFields() =>
    [
        new DataField<string>("id", false), new DataField<string>("source", false), new DataField<string>("type", false),
        new DateTimeDataField("time", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false),
        new DataField<string>("subject", true), new DataField<string>("tenantid", false), new DataField<string>("correlationid", true),
        new DataField<string>("service", false), new DataField<string>("stream", false),
        new DataField<long>("version", false), new DataField<long>("position", false),
    ];

    private IEnumerable<Field> Fields() => AttributeFields().Concat(columns.Select(c => (Field)(c.Kind switch
    {
        ColumnKind.Long => new DataField<long>(c.Column, true),
        ColumnKind.Double => new DataField<double>(c.Column, true),
        ColumnKind.Bool => new DataField<bool>(c.Column, true),
        _ => new DataField<string>(c.Column, true),
    })));

    public ValueTask WriteAsync(StoredEvent e)
    {
        var b = filling;
        var i = b.Count;
        b.Id[i] = e.Id.ToString();
        b.Source[i] = ServiceCatalog.SourceOf(e.Service);
        b.Type[i] = e.Type;
        b.Time[i] = e.Time.UtcDateTime;
        b.Subject[i] = shaper.Subject(e);
        b.Tenant[i] = e.Tenant;
        b.Correlation[i] = e.CorrelationId;
        b.Service[i] = e.Service;
        b.Stream[i] = shaper.Stream(e);
        b.Version[i] = e.Version;
        b.Position[i] = e.Position;
        var data = b.Data;
        if (!shaper.Pseudonymises)
        {
            var json = e.Data.Span;
            var reader = TopLevelFields.Open(json);
            while (fields.Next(ref reader, out var c))
            {
                switch (data[c])
                {
                    case long?[] longs:
                        longs[i] = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var l) ? l : null;
                        break;
                    case double?[] doubles:
                        doubles[i] = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : null;
                        break;
                    case bool?[] bools:
                        bools[i] = reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => null };
                        break;
                    case string?[] strings:
                        strings[i] = TopLevelFields.Text(ref reader, json);
                        break;
                }
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
        }
        else
            shaper.ForEachField(e, (name, value, rendered) =>
            {
                if (!indexOf.TryGetValue(name, out var c)) return;
                switch (data[c])
                {
                    case long?[] longs:
                        longs[i] = value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l) ? l : null;
                        break;
                    case double?[] doubles:
                        doubles[i] = value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
                        break;
                    case bool?[] bools:
                        bools[i] = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
                        break;
                    case string?[] strings:
                        strings[i] = FlatRow.Text(value, rendered);
                        break;
                }
            });
        return ++b.Count == size ? new ValueTask(HandOverAsync()) : ValueTask.CompletedTask;
    }

    /// <summary>Starts encoding the full row group on a second thread once the previous one is written (row groups
    /// stay in order, one in flight), and goes on filling the other buffers.</summary>
    private async Task HandOverAsync()
    {
        if (inFlight is not null) await inFlight;
        inFlight = null;
        var full = filling;
        filling = spare;
        filling.Reset();
        spare = full;
        writer ??= await ParquetWriter.CreateAsync(schema, output, WriteOptions);
        inFlight = Task.Run(() => WriteRowGroupAsync(full));
    }

    private async Task WriteRowGroupAsync(RowGroupBuffers b)
    {
        var count = b.Count;
        if (count == 0) return;
        var fields = schema.GetDataFields();
        using (var group = writer!.CreateRowGroup())
        {
            var f = 0;
            await group.WriteAsync(fields[f++], new ArraySegment<string>(b.Id, 0, count));
            await group.WriteAsync(fields[f++], new ArraySegment<string>(b.Source, 0, count));
            await group.WriteAsync(fields[f++], new ArraySegment<string>(b.Type, 0, count));
            await group.WriteAsync<DateTime>(fields[f++], new ReadOnlyMemory<DateTime>(b.Time, 0, count));
            await group.WriteAsync(fields[f++], new ArraySegment<string>(b.Subject!, 0, count));
            await group.WriteAsync(fields[f++], new ArraySegment<string>(b.Tenant, 0, count));
            await group.WriteAsync(fields[f++], new ArraySegment<string>(b.Correlation!, 0, count));
            await group.WriteAsync(fields[f++], new ArraySegment<string>(b.Service, 0, count));
            await group.WriteAsync(fields[f++], new ArraySegment<string>(b.Stream, 0, count));
            await group.WriteAsync<long>(fields[f++], new ReadOnlyMemory<long>(b.Version, 0, count));
            await group.WriteAsync<long>(fields[f++], new ReadOnlyMemory<long>(b.Position, 0, count));
            foreach (var column in b.Data)
            {
                var field = fields[f++];
                switch (column)
                {
                    case long?[] longs: await group.WriteAsync<long>(field, new ReadOnlyMemory<long?>(longs, 0, count)); break;
                    case double?[] doubles: await group.WriteAsync<double>(field, new ReadOnlyMemory<double?>(doubles, 0, count)); break;
                    case bool?[] bools: await group.WriteAsync<bool>(field, new ReadOnlyMemory<bool?>(bools, 0, count)); break;
                    case string?[] strings: await group.WriteAsync(field, new ArraySegment<string>(strings!, 0, count)); break;
                }
            }
        }
        // The strings of a written row group are garbage now: dropping them here keeps them from being promoted
        // while the buffers wait for their next turn.
        Array.Clear(b.Id, 0, count); Array.Clear(b.Subject, 0, count); Array.Clear(b.Correlation, 0, count); Array.Clear(b.Stream, 0, count);
        foreach (var column in b.Data) if (column is string?[] strings) Array.Clear(strings, 0, count);
    }

    public async Task CompleteAsync()
    {
        if (inFlight is not null) await inFlight;
        inFlight = null;
        // An export with no event is still a valid (empty) Parquet file with the schema.
        writer ??= await ParquetWriter.CreateAsync(schema, output, WriteOptions);
        await WriteRowGroupAsync(filling);
        filling.Reset();
        await writer.DisposeAsync();
        writer = null;
        await output.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // A failed export still waits for its row group in flight before the file is closed under it.
        if (inFlight is not null) try { await inFlight; } catch { }
        if (writer is not null) await writer.DisposeAsync();
        await output.DisposeAsync();
    }
}
