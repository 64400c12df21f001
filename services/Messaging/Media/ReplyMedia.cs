using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Omnichannel.Messaging.Media;

/// <summary>A file an operator's reply carries: a photo (sent as a picture) or a document (sent as a file). The bytes are
/// in the <see cref="ReplyMediaStore"/> by hash; the events carry only this.</summary>
public sealed record OutboundMedia(string Kind, string Sha256, string ContentType, string FileName, long Size)
{
    public const string Photo = "photo";
    public const string Document = "document";
}

/// <summary>What a reply's file may be, judged by its first bytes (never its name or the type the client declared):
/// JPEG and PNG go as photos, PDF as a document — what both Telegram (sendPhoto, sendDocument) and WhatsApp (image,
/// document) take.</summary>
public static class ReplyMediaContent
{
    public static (string Kind, string ContentType, string Extension)? Recognise(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return (OutboundMedia.Photo, "image/jpeg", "jpg");
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return (OutboundMedia.Photo, "image/png", "png");
        if (head.StartsWith("%PDF-"u8)) return (OutboundMedia.Document, "application/pdf", "pdf");
        return null;
    }

    /// <summary>The name the citizen sees: the operator's file name without its folder, only plain characters, with the
    /// extension its content says (a "report.exe" that is a PDF goes as "report.pdf").</summary>
    public static string FileName(string? given, string extension)
    {
        // A browser on Windows may send the whole path: the name is after the last separator of either kind.
        var baseName = (given ?? "").Split('/', '\\')[^1];
        var name = Path.GetFileNameWithoutExtension(baseName) ?? "";
        var clean = new string(name.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ' or '.').ToArray()).Trim();
        if (clean.Length > 80) clean = clean[..80];
        return $"{(clean.Length == 0 ? "document" : clean)}.{extension}";
    }
}

/// <summary>Configuration section "Messaging:Media": how large a reply's file may be (Telegram takes photos up to
/// 10 MB and WhatsApp images up to 5 MB; documents far more).</summary>
public sealed class ReplyMediaOptions
{
    public const string Section = "Messaging:Media";

    public long MaxPhotoBytes { get; set; } = 5 * 1024 * 1024;
    public long MaxDocumentBytes { get; set; } = 10 * 1024 * 1024;

    public long MaxBytes(string kind) => kind == OutboundMedia.Photo ? MaxPhotoBytes : MaxDocumentBytes;
    public long MaxAny => Math.Max(MaxPhotoBytes, MaxDocumentBytes);
}

/// <summary>The bytes of replies' files, by SHA-256, in a table of messaging's own schema (created with the event
/// store's tables): the upload commits them before the reply is queued, so a sender always finds them.</summary>
public sealed class ReplyMediaStore(IConfiguration configuration, IDocumentStore store) : IAsyncDisposable
{
    public const string TableName = "reply_media";

    public static Table Table(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("sha256").AsPrimaryKey();
        table.AddColumn<string>("content_type").NotNull();
        table.AddColumn("content", "bytea").NotNull();
        table.AddColumn("stored_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");
        return table;
    }

    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(configuration.GetConnectionString("Postgres")
        ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set."));

    private string Qualified => $"{store.Options.DatabaseSchemaName}.{TableName}";

    public async Task SaveAsync(string sha256, string contentType, byte[] content, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"insert into {Qualified} (sha256, content_type, content) values ($1, $2, $3) on conflict (sha256) do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        command.Parameters.Add(new NpgsqlParameter { Value = contentType });
        command.Parameters.Add(new NpgsqlParameter { Value = content, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<byte[]?> FindAsync(string sha256, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select content from {Qualified} where sha256 = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        return await command.ExecuteScalarAsync(ct) as byte[];
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
