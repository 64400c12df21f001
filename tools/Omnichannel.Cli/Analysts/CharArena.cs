namespace Omnichannel.Cli.Analysts;

/// <summary>
/// The text of one Parquet row group's string cells, copied into a few large reused char arrays instead of one .NET
/// string per cell: a cell is a <see cref="ReadOnlyMemory{T}"/> slice, which Parquet.Net writes as it is. Nothing is
/// allocated per cell, and nothing outlives the row group but the arrays themselves, so the GC has no cell to promote
/// (per-cell strings lived for a whole row group, reached gen2 and made the peak grow with the export's size).
/// </summary>
public sealed class CharArena
{
    // 64K chars (128 KB) a chunk: a row group of 10,000 events takes ~40 of them, allocated once and reused.
    private const int ChunkSize = 1 << 16;
    private readonly List<char[]> chunks = [];
    private int chunk = -1, used;

    /// <summary>Room for at most <paramref name="maxLength"/> chars at the end of the arena; <see cref="Commit"/>
    /// then keeps what was written there.</summary>
    public Span<char> Reserve(int maxLength)
    {
        if (chunk < 0 || chunks[chunk].Length - used < maxLength)
        {
            chunk++;
            used = 0;
            // The rare cell longer than a chunk gets a chunk of its own size (kept for the next row groups too).
            if (chunk == chunks.Count) chunks.Add(new char[Math.Max(ChunkSize, maxLength)]);
            else if (chunks[chunk].Length < maxLength) chunks[chunk] = new char[maxLength];
        }
        return chunks[chunk].AsSpan(used, maxLength);
    }

    /// <summary>The <paramref name="length"/> chars just written into the reserved room, as a cell.</summary>
    public ReadOnlyMemory<char> Commit(int length)
    {
        var cell = new ReadOnlyMemory<char>(chunks[chunk], used, length);
        used += length;
        return cell;
    }

    public ReadOnlyMemory<char> Add(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return ReadOnlyMemory<char>.Empty;
        text.CopyTo(Reserve(text.Length));
        return Commit(text.Length);
    }

    public ReadOnlyMemory<char>? AddOrNull(string? text) => text is null ? null : Add(text);

    /// <summary>Empties the arena for the next row group; its arrays are kept.</summary>
    public void Reset()
    {
        chunk = -1;
        used = 0;
    }
}
