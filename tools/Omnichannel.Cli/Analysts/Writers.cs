using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace Omnichannel.Cli.Analysts;

/// <summary>Writes exported events in one format. Every event handed to <see cref="WriteAsync"/> is in the output
/// once <see cref="CompleteAsync"/> has returned: that is what makes the printed position resumable.</summary>
public interface IEventWriter : IAsyncDisposable
{
    ValueTask WriteAsync(StoredEvent e);
    Task CompleteAsync();
}

public enum ColumnKind { String, Long, Double, Bool }

/// <param name="Untyped">Typed from a sample in which the field was only ever null: with a sampled schema, a value in
/// it means the sample missed its type.</param>
public sealed record DataColumn(string Column, string Field, ColumnKind Kind, bool Untyped = false);

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
            columns.Add(new DataColumn("data_" + shape.Name, shape.Name, kind, Untyped: types.Length == 0));
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

    private readonly bool sampled;

    /// <param name="sampled">The columns come from a sample: an event with a field outside them throws
    /// <see cref="DataShapeMismatchException"/> instead of losing the field.</param>
    public CsvEventWriter(Stream output, EventShaper shaper, IReadOnlyList<DataColumn> columns, bool sampled = false)
    {
        this.sampled = sampled;
        // RFC 4180, UTF-8; CsvHelper owns the stream from here.
        csv = CsvWriter.Create(output, CsvWriterOptions.Default, leaveOpen: false);
        this.shaper = shaper;
        this.columns = columns;
        indexOf = columns.Select((c, i) => (c.Field, i)).ToDictionary(p => p.Field, p => p.i, StringComparer.Ordinal);
        values = new string?[columns.Count];
        fields = new TopLevelFields(columns, strict: sampled);
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
                else if (sampled) throw new DataShapeMismatchException(name);
            });
        foreach (var v in values) csv.WriteField(v);
        csv.EndRecord();
        return ValueTask.CompletedTask;
    }

    public async Task CompleteAsync() => await csv.FlushAsync();

    public async ValueTask DisposeAsync() => await csv.DisposeAsync();
}
