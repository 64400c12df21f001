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
/// <c>rowGroupSize</c> events: memory holds one row group, whatever the export's size.</summary>
public sealed class ParquetEventWriter : IEventWriter
{
    private readonly Stream output;
    private readonly EventShaper shaper;
    private readonly IReadOnlyList<DataColumn> columns;
    private readonly Dictionary<string, int> indexOf;
    private readonly int size;
    private readonly ParquetSchema schema;
    private ParquetWriter? writer;
    private int count;
    private readonly TopLevelFields fields;

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

    private readonly string[] id, source, type, tenant, service, stream;
    private readonly string?[] subject, correlation;
    private readonly DateTime[] time;
    private readonly long[] version, position;
    private readonly object[] data;

    public ParquetEventWriter(Stream output, EventShaper shaper, IReadOnlyList<DataColumn> columns, int rowGroupSize)
    {
        this.output = output;
        this.shaper = shaper;
        this.columns = columns;
        size = rowGroupSize;
        indexOf = columns.Select((c, i) => (c.Field, i)).ToDictionary(p => p.Field, p => p.i, StringComparer.Ordinal);
        id = new string[size]; source = new string[size]; type = new string[size]; tenant = new string[size];
        service = new string[size]; stream = new string[size]; subject = new string?[size]; correlation = new string?[size];
        time = new DateTime[size]; version = new long[size]; position = new long[size];
        data = columns.Select(c => (object)(c.Kind switch
        {
            ColumnKind.Long => new long?[size],
            ColumnKind.Double => new double?[size],
            ColumnKind.Bool => new bool?[size],
            _ => new string?[size],
        })).ToArray();
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

    public async ValueTask WriteAsync(StoredEvent e)
    {
        var i = count;
        id[i] = e.Id.ToString();
        source[i] = ServiceCatalog.SourceOf(e.Service);
        type[i] = e.Type;
        time[i] = e.Time.UtcDateTime;
        subject[i] = shaper.Subject(e);
        tenant[i] = e.Tenant;
        correlation[i] = e.CorrelationId;
        service[i] = e.Service;
        stream[i] = shaper.Stream(e);
        version[i] = e.Version;
        position[i] = e.Position;
        foreach (var column in data) Array.Clear((Array)column, i, 1);
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
            if (++count == size) await FlushRowGroupAsync();
            return;
        }
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
        if (++count == size) await FlushRowGroupAsync();
    }

    private async Task FlushRowGroupAsync()
    {
        if (count == 0) return;
        writer ??= await ParquetWriter.CreateAsync(schema, output, WriteOptions);
        var fields = schema.GetDataFields();
        using (var group = writer.CreateRowGroup())
        {
            var f = 0;
            await group.WriteAsync(fields[f++], new ArraySegment<string>(id, 0, count));
            await group.WriteAsync(fields[f++], new ArraySegment<string>(source, 0, count));
            await group.WriteAsync(fields[f++], new ArraySegment<string>(type, 0, count));
            await group.WriteAsync<DateTime>(fields[f++], new ReadOnlyMemory<DateTime>(time, 0, count));
            await group.WriteAsync(fields[f++], new ArraySegment<string>(subject!, 0, count));
            await group.WriteAsync(fields[f++], new ArraySegment<string>(tenant, 0, count));
            await group.WriteAsync(fields[f++], new ArraySegment<string>(correlation!, 0, count));
            await group.WriteAsync(fields[f++], new ArraySegment<string>(service, 0, count));
            await group.WriteAsync(fields[f++], new ArraySegment<string>(stream, 0, count));
            await group.WriteAsync<long>(fields[f++], new ReadOnlyMemory<long>(version, 0, count));
            await group.WriteAsync<long>(fields[f++], new ReadOnlyMemory<long>(position, 0, count));
            foreach (var column in data)
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
        count = 0;
    }

    public async Task CompleteAsync()
    {
        await FlushRowGroupAsync();
        // An export with no event is still a valid (empty) Parquet file with the schema.
        writer ??= await ParquetWriter.CreateAsync(schema, output, WriteOptions);
        await writer.DisposeAsync();
        writer = null;
        await output.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (writer is not null) await writer.DisposeAsync();
        await output.DisposeAsync();
    }
}
