using Omnichannel.BuildingBlocks.PersonalData;
using Marten;
using Omnichannel.BuildingBlocks.Files;
using Weasel.Postgresql.Tables;

namespace Omnichannel.Messaging.Media;

/// <summary>A file an operator's reply carries: a photo (sent as a picture) or a document (sent as a file). The bytes are
/// in the <see cref="ReplyMediaStore"/> by hash; the events carry only this.</summary>
public sealed record OutboundMedia([NotPersonal] string Kind, [NotPersonal] string Sha256, [NotPersonal] string ContentType, [Personal] string FileName, long Size)
{
    public const string Photo = "photo";
    public const string Document = "document";
}

/// <summary>What a reply's file may be, judged by its first bytes (never its name or the type the client declared):
/// JPEG and PNG go as photos, PDF as a document — what both Telegram (sendPhoto, sendDocument) and WhatsApp (image,
/// document) take.</summary>
public static class ReplyMediaContent
{
    public static (string Kind, string ContentType, string Extension)? Recognise(ReadOnlySpan<byte> head) => FileTypes.Recognise(head) switch
    {
        { } t when t == FileTypes.Jpeg || t == FileTypes.Png => (OutboundMedia.Photo, t.ContentType, t.Extension),
        { } t when t == FileTypes.Pdf => (OutboundMedia.Document, t.ContentType, t.Extension),
        _ => null,
    };

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

    private readonly ContentTable table = new(configuration, store, TableName);

    public static Table Table(string schema) => ContentTable.Definition(schema, TableName);

    public Task SaveAsync(string sha256, string contentType, byte[] content, CancellationToken ct) => table.SaveAsync(sha256, contentType, content, ct);

    public async Task<byte[]?> FindAsync(string sha256, CancellationToken ct) => (await table.FindAsync(sha256, ct))?.Content;

    public ValueTask DisposeAsync() => table.DisposeAsync();
}
