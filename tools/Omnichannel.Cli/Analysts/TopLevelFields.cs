using System.Text;
using System.Text.Json;

namespace Omnichannel.Cli.Analysts;

/// <summary>
/// The top-level fields of a stored event's data read straight from its UTF-8 bytes with a <see cref="Utf8JsonReader"/>
/// (no document built, no name allocated): the column exports' fast path when nothing is pseudonymised. A field is
/// found by name among the export's columns; nested objects and arrays come as their raw JSON text.
/// </summary>
public sealed class TopLevelFields
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> columns;

    private readonly bool strict;

    /// <param name="strict">A field that is no column throws <see cref="DataShapeMismatchException"/> (columns typed
    /// from a sample) instead of being skipped.</param>
    public TopLevelFields(IReadOnlyList<DataColumn> dataColumns, bool strict = false)
    {
        this.strict = strict;
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < dataColumns.Count; i++) byName[dataColumns[i].Field] = i;
        columns = byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Positions <paramref name="reader"/> on the next field's value that is a column; false at the end.</summary>
    public bool Next(ref Utf8JsonReader reader, out int column)
    {
        Span<char> name = stackalloc char[256];
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) break;
            var found = false;
            column = -1;
            if (!reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length <= name.Length)
            {
                var length = Encoding.UTF8.GetChars(reader.ValueSpan, name);
                found = columns.TryGetValue(name[..length], out column);
            }
            else
            {
                found = columns.TryGetValue(reader.GetString()!, out column);
            }
            if (!found && strict) throw new DataShapeMismatchException(reader.GetString()!);
            reader.Read();
            if (found) return true;
            reader.Skip();
        }
        column = -1;
        return false;
    }

    /// <summary>A reader at the start of the data object; <see cref="Next"/> then walks its fields.</summary>
    public static Utf8JsonReader Open(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return new Utf8JsonReader(ReadOnlySpan<byte>.Empty);
        return reader;
    }

    /// <summary>The value under the reader as a Parquet string cell, its text copied into <paramref name="arena"/> (no
    /// string made): the same text as <see cref="Text"/>, null for null.</summary>
    public static ReadOnlyMemory<char>? Cell(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, CharArena arena)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                // Unescaped, a string has at most as many chars as its UTF-8 bytes.
                return arena.Commit(reader.CopyString(arena.Reserve(reader.ValueSpan.Length)));
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Utf8Cell(json[start..(int)reader.BytesConsumed], arena);
            default:
                return Utf8Cell(reader.ValueSpan, arena);
        }
    }

    private static ReadOnlyMemory<char> Utf8Cell(ReadOnlySpan<byte> utf8, CharArena arena) =>
        arena.Commit(Encoding.UTF8.GetChars(utf8, arena.Reserve(utf8.Length)));

    /// <summary>The value under the reader as text, as a string column and CSV write it: a string as itself, null as
    /// null, anything else as its JSON (objects and arrays whole; the reader is left at their end).</summary>
    public static string? Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
            default:
                return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }
}
