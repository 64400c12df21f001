using Marten;
using Omnichannel.BuildingBlocks.Files;
using Weasel.Postgresql.Tables;

namespace Omnichannel.Incidents.Attachments;

/// <summary>An attachment's bytes as a stream (the caller disposes it, as a file result does), with what they are.</summary>
public sealed record AttachmentContentStored(string Sha256, string ContentType, Stream Content);

/// <summary>
/// Where attachments' bytes live, outside the event stream, by content hash (SHA-256): the same file uploaded twice,
/// to one incident or to many, is stored once. Events carry only the hash, type and size. PostgreSQL by default
/// (<see cref="PostgresAttachmentStore"/>), an S3-compatible bucket by configuration (<see cref="S3AttachmentStore"/>).
/// </summary>
public interface IAttachmentStore
{
    /// <summary>Stores the bytes under their hash; a hash already stored is left as it is.</summary>
    Task SaveAsync(string sha256, string contentType, byte[] content, CancellationToken ct);

    Task<AttachmentContentStored?> FindAsync(string sha256, CancellationToken ct);

    /// <summary>Deletes the bytes with this hash (a citizen's erasure); nothing stored under it is not an error.</summary>
    Task DeleteAsync(string sha256, CancellationToken ct);
}

/// <summary>A table of the service's own schema (<see cref="ContentTable"/>, created with the event store's tables at start-up).</summary>
public sealed class PostgresAttachmentStore(IConfiguration configuration, IDocumentStore store) : IAttachmentStore, IAsyncDisposable
{
    public const string TableName = "attachment_contents";

    private readonly ContentTable table = new(configuration, store, TableName);

    /// <summary>The table, added to the schema objects Marten creates and migrates.</summary>
    public static Table Table(string schema) => ContentTable.Definition(schema, TableName);

    public Task SaveAsync(string sha256, string contentType, byte[] content, CancellationToken ct) => table.SaveAsync(sha256, contentType, content, ct);

    public async Task<AttachmentContentStored?> FindAsync(string sha256, CancellationToken ct) =>
        await table.FindAsync(sha256, ct) is var (contentType, content)
            ? new AttachmentContentStored(sha256, contentType, new MemoryStream(content, writable: false))
            : null;

    public Task DeleteAsync(string sha256, CancellationToken ct) => table.DeleteAsync(sha256, ct);

    public ValueTask DisposeAsync() => table.DisposeAsync();
}
