using System.Collections.Concurrent;
using Marten;
using Marten.Services.BatchQuerying;

namespace Omnichannel.Messaging.Keywords;

/// <summary>
/// Each council's keyword set kept in memory, prepared for matching, with the version of the document it was read
/// at (Marten's <c>mt_version</c>, new on every save). The webhook asks only for that version — one short column, in
/// the same round trip as its other reads — and reads and prepares the set again only when it changed: staff changes
/// (here or on another instance) still apply to the very next message, and no message loads and normalizes the whole
/// set.
/// </summary>
public sealed class KeywordCache(IDocumentStore store)
{
    private static readonly PreparedKeywords None = KeywordMatching.Prepare(new KeywordSet());
    private readonly ConcurrentDictionary<string, (Guid Version, PreparedKeywords Keywords)> byCouncil = new(StringComparer.Ordinal);
    private string? table;

    /// <summary>Staged on the caller's batch: the set's version now (empty when the council has no set).</summary>
    public Task<IReadOnlyList<SetVersion>> StageVersion(IBatchedQuery batch, string tenant)
    {
        // Marten's table for the document (the schema is the service's; documents are tenant-conjoined).
        table ??= $"{store.Options.DatabaseSchemaName}.mt_doc_{nameof(KeywordSet).ToLowerInvariant()}";
        return batch.Query<SetVersion>($"select jsonb_build_object('Version', mt_version) from {table} where tenant_id = ? and id = ?", tenant, KeywordSet.DocumentId);
    }

    /// <summary>The set at <paramref name="version"/> (from <see cref="StageVersion"/>): from memory, or read once.</summary>
    public async Task<PreparedKeywords> GetAsync(IQuerySession session, IReadOnlyList<SetVersion> version, CancellationToken ct)
    {
        if (version.Count == 0) return None;
        if (byCouncil.TryGetValue(session.TenantId, out var cached) && cached.Version == version[0].Version) return cached.Keywords;
        var set = await session.LoadAsync<KeywordSet>(KeywordSet.DocumentId, ct);
        if (set is null) return None;
        // Keyed by the version read now, not by the one staged: a save in between is read again next time.
        var read = session.VersionFor(set) ?? version[0].Version;
        var prepared = KeywordMatching.Prepare(set);
        byCouncil[session.TenantId] = (read, prepared);
        return prepared;
    }
}

/// <summary>The keyword set document's <c>mt_version</c> (a row of <see cref="KeywordCache.StageVersion"/>).</summary>
public sealed class SetVersion
{
    public Guid Version { get; set; }
}
