using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
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
}

/// <summary>A table of the service's own schema (created with the event store's tables at start-up).</summary>
public sealed class PostgresAttachmentStore(IConfiguration configuration, IDocumentStore store) : IAttachmentStore, IAsyncDisposable
{
    public const string TableName = "attachment_contents";

    /// <summary>The table, added to the schema objects Marten creates and migrates.</summary>
    public static Table Table(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("sha256").AsPrimaryKey();
        table.AddColumn<string>("content_type").NotNull();
        table.AddColumn<long>("size").NotNull();
        table.AddColumn("content", "bytea").NotNull();
        table.AddColumn("stored_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");
        return table;
    }

    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(configuration.GetConnectionString("Postgres")
        ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set."));

    private string Qualified => $"{store.Options.DatabaseSchemaName}.{TableName}";

    public async Task SaveAsync(string sha256, string contentType, byte[] content, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"insert into {Qualified} (sha256, content_type, size, content) values ($1, $2, $3, $4) on conflict (sha256) do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        command.Parameters.Add(new NpgsqlParameter { Value = contentType });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)content.Length });
        command.Parameters.Add(new NpgsqlParameter { Value = content, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<AttachmentContentStored?> FindAsync(string sha256, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select content_type, content from {Qualified} where sha256 = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new AttachmentContentStored(sha256, reader.GetString(0), new MemoryStream((byte[])reader.GetValue(1), writable: false));
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
