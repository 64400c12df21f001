using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace Omnichannel.Cli.Analysts;

/// <summary>
/// Parquet with typed columns (timestamps, 64-bit integers, doubles, booleans, strings) in row groups of
/// <c>rowGroupSize</c> events. Two sets of column buffers, allocated once and reused: while one row group is encoded
/// on a second thread (one in flight at most), the next is filled from the reader, so memory holds two row groups
/// whatever the export's size. String cells are slices of each set's <see cref="CharArena"/> handed to Parquet.Net
/// as they are (its string columns are <c>ReadOnlyMemory&lt;char&gt;</c>): no string is made per cell, an event id is
/// formatted straight into the arena and a data field's text is unescaped straight from the event's UTF-8 bytes.
/// </summary>
public sealed class ParquetEventWriter : IEventWriter
{
    private readonly Stream output;
    private readonly EventShaper shaper;
    private readonly IReadOnlyList<DataColumn> columns;
    private readonly Dictionary<string, int> indexOf;
    private readonly int size;
    private readonly ParquetSchema schema;
    private readonly ParquetOptions options;
    private ParquetWriter? writer;
    private readonly TopLevelFields fields;
    private RowGroupBuffers filling, spare;
    private Task? inFlight;
    private string? lastService;
    private ReadOnlyMemory<char> sourceCell;

    /// <summary>Attribute columns with few distinct values (or repeated ones: a stream's events, a citizen's) are
    /// dictionary-encoded — smaller, and cheaper than encoding every value as UTF-8 — and so is every string data
    /// column; Parquet.Net checks a column's first 1,000 values and keeps plain encoding when 80 % of them differ, so a
    /// unique column (the event id is never tried) costs a sample, not a scan.</summary>
    private static readonly string[] DictionaryAttributes = ["source", "type", "subject", "tenantid", "correlationid", "service", "stream"];

    /// <summary>One row group's columns, allocated once and refilled.</summary>
    private sealed class RowGroupBuffers
    {
        public readonly CharArena Text = new();
        public readonly ReadOnlyMemory<char>[] Id, Source, Type, Tenant, Service, Stream;
        public readonly ReadOnlyMemory<char>?[] Subject, Correlation;
        public readonly DateTime[] Time;
        public readonly long[] Version, Position;
        public readonly object[] Data;
        public int Count;

        public RowGroupBuffers(int size, IReadOnlyList<DataColumn> columns)
        {
            Id = new ReadOnlyMemory<char>[size]; Source = new ReadOnlyMemory<char>[size]; Type = new ReadOnlyMemory<char>[size];
            Tenant = new ReadOnlyMemory<char>[size]; Service = new ReadOnlyMemory<char>[size]; Stream = new ReadOnlyMemory<char>[size];
            Subject = new ReadOnlyMemory<char>?[size]; Correlation = new ReadOnlyMemory<char>?[size];
            Time = new DateTime[size]; Version = new long[size]; Position = new long[size];
            Data = columns.Select(c => (object)(c.Kind switch
            {
                ColumnKind.Long => new long?[size],
                ColumnKind.Double => new double?[size],
                ColumnKind.Bool => new bool?[size],
                _ => new ReadOnlyMemory<char>?[size],
            })).ToArray();
        }

        /// <summary>Empties the data columns once per row group (an absent field is null), not cell by cell, and the
        /// text arena (its arrays kept).</summary>
        public void Reset()
        {
            foreach (var column in Data) Array.Clear((Array)column, 0, Count);
            Text.Reset();
            Count = 0;
        }
    }

    private readonly bool sampled;
    private readonly bool[] untyped;

    /// <param name="sampled">The columns were typed from a sample: an event with another field, or a value the
    /// column's type cannot hold, throws <see cref="DataShapeMismatchException"/> instead of losing the value.</param>
    public ParquetEventWriter(Stream output, EventShaper shaper, IReadOnlyList<DataColumn> columns, int rowGroupSize, bool sampled = false)
    {
        this.sampled = sampled;
        untyped = columns.Select(c => c.Untyped).ToArray();
        this.output = output;
        this.shaper = shaper;
        this.columns = columns;
        size = rowGroupSize;
        indexOf = columns.Select((c, i) => (c.Field, i)).ToDictionary(p => p.Field, p => p.i, StringComparer.Ordinal);
        filling = new RowGroupBuffers(size, columns);
        spare = new RowGroupBuffers(size, columns);
        schema = new ParquetSchema(Fields());
        fields = new TopLevelFields(columns, strict: sampled);
        options = new ParquetOptions
        {
            // Snappy at its fastest; the writer's buffer pools bounded, so memory stays flat over many row groups.
            CompressionMethod = CompressionMethod.Snappy,
            CompressionLevel = System.IO.Compression.CompressionLevel.Fastest,
            DictionaryEncodingSampleSize = 1_000,
            MaximumSmallPoolFreeBytes = 4 << 20,
            MaximumLargePoolFreeBytes = 16 << 20,
        };
        foreach (var field in schema.GetDataFields())
            // Parquet.Net 6 types a string field as ReadOnlyMemory<char>.
            if ((field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
                && (DictionaryAttributes.Contains(field.Name) || field.Name.StartsWith("data_", StringComparison.Ordinal)))
                options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.Dictionary;
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
        var text = b.Text;
        if (!ReferenceEquals(e.Service, lastService))
        {
            lastService = e.Service;
            sourceCell = ServiceCatalog.SourceOf(e.Service).AsMemory();
        }
        e.Id.TryFormat(text.Reserve(36), out var written);
        b.Id[i] = text.Commit(written);
        b.Source[i] = sourceCell;
        // Type, council and service are the reader's interned strings: referenced, not copied.
        b.Type[i] = e.Type.AsMemory();
        b.Time[i] = e.Time.UtcDateTime;
        b.Subject[i] = text.AddOrNull(shaper.Subject(e));
        b.Tenant[i] = e.Tenant.AsMemory();
        b.Correlation[i] = text.AddOrNull(e.CorrelationId);
        b.Service[i] = e.Service.AsMemory();
        b.Stream[i] = text.Add(shaper.Stream(e));
        b.Version[i] = e.Version;
        b.Position[i] = e.Position;
        var data = b.Data;
        if (!shaper.Pseudonymises)
        {
            var json = e.Data.Span;
            var reader = TopLevelFields.Open(json);
            while (fields.Next(ref reader, out var c))
            {
                var fits = true;
                switch (data[c])
                {
                    case long?[] longs:
                        longs[i] = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var l) ? l : null;
                        fits = longs[i] is not null || reader.TokenType == JsonTokenType.Null;
                        break;
                    case double?[] doubles:
                        doubles[i] = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : null;
                        fits = doubles[i] is not null || reader.TokenType == JsonTokenType.Null;
                        break;
                    case bool?[] bools:
                        bools[i] = reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => null };
                        fits = bools[i] is not null || reader.TokenType == JsonTokenType.Null;
                        break;
                    case ReadOnlyMemory<char>?[] strings:
                        fits = !untyped[c] || reader.TokenType == JsonTokenType.Null;
                        strings[i] = TopLevelFields.Cell(ref reader, json, text);
                        break;
                }
                if (!fits && sampled) throw new DataShapeMismatchException(columns[c].Field);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
        }
        else
            shaper.ForEachField(e, (name, value, rendered) =>
            {
                if (!indexOf.TryGetValue(name, out var c))
                {
                    if (sampled) throw new DataShapeMismatchException(name);
                    return;
                }
                var isNull = rendered is null && value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;
                switch (data[c])
                {
                    case long?[] longs:
                        longs[i] = value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l) ? l : null;
                        if (longs[i] is null && !isNull && sampled) throw new DataShapeMismatchException(name);
                        break;
                    case double?[] doubles:
                        doubles[i] = value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
                        if (doubles[i] is null && !isNull && sampled) throw new DataShapeMismatchException(name);
                        break;
                    case bool?[] bools:
                        bools[i] = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
                        if (bools[i] is null && !isNull && sampled) throw new DataShapeMismatchException(name);
                        break;
                    case ReadOnlyMemory<char>?[] strings:
                        if (untyped[c] && !isNull && sampled) throw new DataShapeMismatchException(name);
                        strings[i] = text.AddOrNull(FlatRow.Text(value, rendered));
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
        writer ??= await ParquetWriter.CreateAsync(schema, output, options);
        inFlight = Task.Run(() => WriteRowGroupAsync(full));
    }

    private async Task WriteRowGroupAsync(RowGroupBuffers b)
    {
        var count = b.Count;
        if (count == 0) return;
        var fields = schema.GetDataFields();
        using var group = writer!.CreateRowGroup();
        var f = 0;
        Task Required(ReadOnlyMemory<char>[] cells) => group.WriteAsync<ReadOnlyMemory<char>>(fields[f++], new ReadOnlyMemory<ReadOnlyMemory<char>>(cells, 0, count));
        Task Optional(ReadOnlyMemory<char>?[] cells) => group.WriteAsync<ReadOnlyMemory<char>>(fields[f++], new ReadOnlyMemory<ReadOnlyMemory<char>?>(cells, 0, count));
        await Required(b.Id);
        await Required(b.Source);
        await Required(b.Type);
        await group.WriteAsync<DateTime>(fields[f++], new ReadOnlyMemory<DateTime>(b.Time, 0, count));
        await Optional(b.Subject);
        await Required(b.Tenant);
        await Optional(b.Correlation);
        await Required(b.Service);
        await Required(b.Stream);
        await group.WriteAsync<long>(fields[f++], new ReadOnlyMemory<long>(b.Version, 0, count));
        await group.WriteAsync<long>(fields[f++], new ReadOnlyMemory<long>(b.Position, 0, count));
        foreach (var column in b.Data)
        {
            switch (column)
            {
                case long?[] longs: await group.WriteAsync<long>(fields[f++], new ReadOnlyMemory<long?>(longs, 0, count)); break;
                case double?[] doubles: await group.WriteAsync<double>(fields[f++], new ReadOnlyMemory<double?>(doubles, 0, count)); break;
                case bool?[] bools: await group.WriteAsync<bool>(fields[f++], new ReadOnlyMemory<bool?>(bools, 0, count)); break;
                case ReadOnlyMemory<char>?[] strings: await Optional(strings); break;
            }
        }
    }

    public async Task CompleteAsync()
    {
        if (inFlight is not null) await inFlight;
        inFlight = null;
        // An export with no event is still a valid (empty) Parquet file with the schema.
        writer ??= await ParquetWriter.CreateAsync(schema, output, options);
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
