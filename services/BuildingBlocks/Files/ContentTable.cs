using Marten;
using Microsoft.Extensions.Configuration;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Omnichannel.BuildingBlocks.Files;

/// <summary>
/// Files' bytes by their SHA-256, in a table of the service's own schema (added to the schema objects Marten creates
/// and migrates, see <see cref="Definition"/>): the same bytes twice are stored once, and the events name only the hash.
/// Incidents' attachments (by default) and messaging's operator files keep their bytes here.
/// </summary>
public sealed class ContentTable(IConfiguration configuration, IDocumentStore store, string tableName) : IAsyncDisposable
{
    /// <summary>The table, for <c>options.Storage.ExtendedSchemaObjects</c>.</summary>
    public static Table Definition(string schema, string tableName)
    {
        var table = new Table(new PostgresqlObjectName(schema, tableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("sha256").AsPrimaryKey();
        table.AddColumn<string>("content_type").NotNull();
        table.AddColumn<long>("size").NotNull();
        table.AddColumn("content", "bytea").NotNull();
        table.AddColumn("stored_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");
        return table;
    }

    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(configuration.GetConnectionString("Postgres")
        ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set."));

    private string Qualified => $"{store.Options.DatabaseSchemaName}.{tableName}";

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

    /// <summary>The stored type and bytes, or null when nothing has that hash.</summary>
    public async Task<(string ContentType, byte[] Content)?> FindAsync(string sha256, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select content_type, content from {Qualified} where sha256 = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (reader.GetString(0), (byte[])reader.GetValue(1));
    }

    public async Task DeleteAsync(string sha256, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"delete from {Qualified} where sha256 = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        await command.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
