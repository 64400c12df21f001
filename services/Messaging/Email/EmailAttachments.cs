using System.Security.Cryptography;
using Marten;
using MimeKit;
using Omnichannel.BuildingBlocks.Files;
using Omnichannel.Contracts;
using Omnichannel.Messaging.Channels;
using Weasel.Postgresql.Tables;

namespace Omnichannel.Messaging.Email;

/// <summary>
/// Configuration section "Messaging:Email:Attachments": what a citizen's e-mail may carry. The defaults are incidents'
/// own (Incidents:Attachments), so a file taken here is one incidents takes too; incidents checks again anyway.
/// </summary>
public sealed class EmailAttachmentOptions
{
    public const string Section = "Messaging:Email:Attachments";

    public long MaxImageBytes { get; set; } = 10 * 1024 * 1024;
    public long MaxVideoBytes { get; set; } = 20 * 1024 * 1024;
    public long MaxDocumentBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>Files taken from one message (an incident takes 10 in all).</summary>
    public int MaxPerMessage { get; set; } = 10;

    public long MaxBytes(string family) => family switch
    {
        FileType.Video => MaxVideoBytes,
        FileType.Document => MaxDocumentBytes,
        _ => MaxImageBytes,
    };

    public long MaxAny => Math.Max(MaxImageBytes, Math.Max(MaxVideoBytes, MaxDocumentBytes));

    public bool IsValid() => MaxImageBytes > 0 && MaxVideoBytes > 0 && MaxDocumentBytes > 0 && MaxPerMessage > 0;
}

/// <summary>A taken file with its bytes, before they are stored.</summary>
public sealed record AttachedFile(InboundAttachment Attachment, byte[] Content);

/// <summary>
/// The files of a citizen's e-mail (pure): every part that is not the message's own text — attachments, and images
/// pasted into the body (screenshots) — judged by content with the platform's one recogniser (<see cref="FileTypes"/>:
/// images, PDF, videos; a program renamed photo.jpg is what its bytes say) and by its family's size. A file is taken
/// once per message (by hash), and only the first <see cref="EmailAttachmentOptions.MaxPerMessage"/>; the rest are
/// refused with why. Only the name is kept of a refused file; an oversized one is not even read whole.
/// </summary>
public static class EmailAttachments
{
    public static (IReadOnlyList<AttachedFile> Taken, IReadOnlyList<RefusedAttachment> Refused) Read(MimeMessage mail, EmailAttachmentOptions limits)
    {
        var taken = new List<AttachedFile>();
        var refused = new List<RefusedAttachment>();
        var index = 0;
        foreach (var part in mail.BodyParts)
        {
            // A text part that is not an attachment is the body (or one of its alternatives): not a file.
            if (part is TextPart { IsAttachment: false }) continue;
            // A signed mail's signature (S/MIME, OpenPGP) is the mail client's, not something the citizen attached.
            if (part.ContentType.MediaSubtype.EndsWith("signature", StringComparison.OrdinalIgnoreCase)) continue;
            index++;
            var name = FileName(part, index);
            if (part is not MimePart mime || mime.Content is null)
            {
                refused.Add(new RefusedAttachment(name, AttachmentRefusalReasons.UnsupportedType, 0)); // a forwarded message, say
                continue;
            }
            var (content, size) = Decode(mime, limits.MaxAny);
            var verdict = Judge(content, size, limits);
            if (verdict.Refusal is { } reason)
            {
                refused.Add(new RefusedAttachment(name, reason, size));
                continue;
            }
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
            if (taken.Any(t => t.Attachment.Sha256 == sha256)) continue; // the same file twice in one mail
            if (taken.Count >= limits.MaxPerMessage)
            {
                refused.Add(new RefusedAttachment(name, AttachmentRefusalReasons.TooMany, size));
                continue;
            }
            taken.Add(new AttachedFile(new InboundAttachment(sha256, verdict.Type!.ContentType, size, WithExtension(name, verdict.Type.Extension)), content));
        }
        return (taken, refused);
    }

    /// <summary>The decision on one file: its type by its first bytes, within its family's size; else why not.</summary>
    public static (FileType? Type, string? Refusal) Judge(ReadOnlySpan<byte> content, long size, EmailAttachmentOptions limits)
    {
        if (size <= 0) return (null, AttachmentRefusalReasons.Empty);
        var type = FileTypes.Recognise(content[..Math.Min(content.Length, FileTypes.HeadLength)]);
        if (type is null) return (null, AttachmentRefusalReasons.UnsupportedType);
        return size > limits.MaxBytes(type.Family) ? (type, AttachmentRefusalReasons.Oversized) : (type, null);
    }

    /// <summary>The decoded bytes, at most <paramref name="max"/> + 1 of them kept (enough to know it is too large),
    /// and the whole decoded size.</summary>
    private static (byte[] Content, long Size) Decode(MimePart part, long max)
    {
        using var kept = new CappedStream(max + 1);
        part.Content!.DecodeTo(kept);
        return (kept.ToArray(), kept.Length);
    }

    /// <summary>The name the citizen gave the file, made plain (no folders, no control or odd characters, 80 at most):
    /// it is said back to them and shown to operators, never logged.</summary>
    public static string FileName(MimeEntity part, int index)
    {
        var given = (part as MimePart)?.FileName ?? part.ContentDisposition?.FileName ?? part.ContentType?.Name ?? "";
        var baseName = given.Split('/', '\\')[^1];
        var clean = new string(baseName.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ' or '.' or '(' or ')').ToArray()).Trim();
        if (clean.Length > 80) clean = clean[..80];
        return clean.Length == 0 ? $"#{index}" : clean;
    }

    /// <summary>The name with the extension its content says (a "carta.exe" that is a PDF is kept as "carta.pdf").</summary>
    private static string WithExtension(string name, string extension)
    {
        var stem = name.StartsWith('#') ? "adjunt" + name[1..] : Path.GetFileNameWithoutExtension(name);
        return $"{(stem.Length == 0 ? "adjunt" : stem)}.{extension}";
    }

    /// <summary>A memory stream that keeps only its first bytes but counts all of them.</summary>
    private sealed class CappedStream(long keep) : Stream
    {
        private readonly MemoryStream kept = new();
        private long length;

        public byte[] ToArray() => kept.ToArray();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => length;
        public override long Position { get => length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            var room = (int)Math.Max(0, Math.Min(count, keep - kept.Length));
            if (room > 0) kept.Write(buffer, offset, room);
            length += count;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) kept.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>What the citizen is told about the files that were not taken, in their language: which, and why.</summary>
public static class AttachmentRefusalTexts
{
    public static readonly LocalizedText Heading = new(
        "No hem acceptat aquests fitxers adjunts:",
        "No hemos aceptado estos archivos adjuntos:",
        "We did not accept these attachments:");

    public static readonly LocalizedText Retry = new(
        "Pots tornar-los a enviar com a foto (JPEG, PNG, GIF, WebP), PDF o vídeo (MP4, MOV, WebM) dins dels límits.",
        "Puedes volver a enviarlos como foto (JPEG, PNG, GIF, WebP), PDF o vídeo (MP4, MOV, WebM) dentro de los límites.",
        "You can send them again as a photo (JPEG, PNG, GIF, WebP), a PDF or a video (MP4, MOV, WebM) within the limits.");

    /// <summary>A message's routing with the refusals told: after its answer, or alone when it had none (a hand-over
    /// already open waits for the operator, but the citizen still learns their file did not arrive).</summary>
    public static Operators.HandingOver.Routed Told(Operators.HandingOver.Routed routed, string language, IReadOnlyList<RefusedAttachment> refused, EmailAttachmentOptions limits)
    {
        if (refused.Count == 0) return routed;
        var told = Tell(language, refused, limits);
        return routed with
        {
            Reply = routed.Reply is { } reply ? reply with { Text = reply.Text + "\n\n" + told } : new Conversations.Reply(told, Conversations.ReplyReasons.AttachmentsRefused, null),
        };
    }

    public static string Tell(string language, IReadOnlyList<RefusedAttachment> refused, EmailAttachmentOptions limits) =>
        Heading.In(language) + "\n" + string.Join("\n", refused.Select(r => $"• {r.FileName}: {Why(language, r, limits)}")) + "\n" + Retry.In(language);

    public static string Why(string language, RefusedAttachment refused, EmailAttachmentOptions limits) => (refused.Reason, language) switch
    {
        (AttachmentRefusalReasons.Oversized, "es") => $"es demasiado grande ({Megabytes(refused.Size)}; como máximo {Megabytes(limits.MaxImageBytes)} una imagen, {Megabytes(limits.MaxDocumentBytes)} un PDF, {Megabytes(limits.MaxVideoBytes)} un vídeo).",
        (AttachmentRefusalReasons.Oversized, "en") => $"it is too large ({Megabytes(refused.Size)}; at most {Megabytes(limits.MaxImageBytes)} for an image, {Megabytes(limits.MaxDocumentBytes)} for a PDF, {Megabytes(limits.MaxVideoBytes)} for a video).",
        (AttachmentRefusalReasons.Oversized, _) => $"és massa gran ({Megabytes(refused.Size)}; com a màxim {Megabytes(limits.MaxImageBytes)} una imatge, {Megabytes(limits.MaxDocumentBytes)} un PDF, {Megabytes(limits.MaxVideoBytes)} un vídeo).",
        (AttachmentRefusalReasons.Empty, "es") => "está vacío.",
        (AttachmentRefusalReasons.Empty, "en") => "it is empty.",
        (AttachmentRefusalReasons.Empty, _) => "és buit.",
        (AttachmentRefusalReasons.TooMany, "es") => $"solo aceptamos {limits.MaxPerMessage} archivos por mensaje.",
        (AttachmentRefusalReasons.TooMany, "en") => $"we take only {limits.MaxPerMessage} files per message.",
        (AttachmentRefusalReasons.TooMany, _) => $"només acceptem {limits.MaxPerMessage} fitxers per missatge.",
        (_, "es") => "por su contenido no es una imagen, un PDF ni un vídeo (no miramos el nombre ni el tipo declarado).",
        (_, "en") => "by its content it is not an image, a PDF or a video (its name and declared type are not looked at).",
        _ => "pel seu contingut no és una imatge, un PDF ni un vídeo (no mirem el nom ni el tipus declarat).",
    };

    private static string Megabytes(long bytes) => bytes >= 1048576
        ? (bytes / 1048576.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB"
        : Math.Max(1, bytes / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) + " KB";
}

/// <summary>The bytes of files citizens sent by e-mail, by SHA-256, in a table of messaging's own schema (created with
/// the event store's tables): stored before the message that names them is committed, so whoever reads the message
/// (an operator, the incident's attachment) finds them; the same file twice is stored once.</summary>
public sealed class InboundMediaStore(IConfiguration configuration, IDocumentStore store) : IAsyncDisposable
{
    public const string TableName = "inbound_media";

    private readonly ContentTable table = new(configuration, store, TableName);

    public static Table Table(string schema) => ContentTable.Definition(schema, TableName);

    public Task SaveAsync(string sha256, string contentType, byte[] content, CancellationToken ct) => table.SaveAsync(sha256, contentType, content, ct);

    public Task<(string ContentType, byte[] Content)?> FindAsync(string sha256, CancellationToken ct) => table.FindAsync(sha256, ct);

    public ValueTask DisposeAsync() => table.DisposeAsync();
}
