using System.Text;

namespace Omnichannel.Incidents.Attachments;

/// <summary>What an attachment is, judged by its first bytes (never by its name or the type the client declared).</summary>
public sealed record AttachmentType(string ContentType, string Family, string Extension)
{
    public const string Image = "image";
    public const string Video = "video";
    public const string Document = "document";
}

/// <summary>Why an attachment is refused: the problem's <c>reason</c> and its status (413, 415, 400).</summary>
public sealed class AttachmentRefused(string reason, int status, string detail) : Exception(detail)
{
    public const string Oversized = "oversized";
    public const string UnsupportedType = "unsupported-type";
    public const string Empty = "empty";

    public string Reason { get; } = reason;
    public int Status { get; } = status;
}

/// <summary>
/// The types a report may carry — JPEG, PNG, GIF and WebP images, PDF screenshots, MP4, QuickTime and WebM videos —
/// recognised by their magic bytes, and the size each family may have. A file renamed to .jpg is what its bytes say.
/// </summary>
public static class AttachmentContent
{
    /// <summary>How many leading bytes <see cref="Recognise"/> needs to decide (WebM names its doc type in the EBML header).</summary>
    public const int HeadLength = 64;

    public static readonly AttachmentType Jpeg = new("image/jpeg", AttachmentType.Image, "jpg");
    public static readonly AttachmentType Png = new("image/png", AttachmentType.Image, "png");
    public static readonly AttachmentType Gif = new("image/gif", AttachmentType.Image, "gif");
    public static readonly AttachmentType WebP = new("image/webp", AttachmentType.Image, "webp");
    public static readonly AttachmentType Pdf = new("application/pdf", AttachmentType.Document, "pdf");
    public static readonly AttachmentType Mp4 = new("video/mp4", AttachmentType.Video, "mp4");
    public static readonly AttachmentType QuickTime = new("video/quicktime", AttachmentType.Video, "mov");
    public static readonly AttachmentType WebM = new("video/webm", AttachmentType.Video, "webm");

    public static IReadOnlyList<AttachmentType> All { get; } = [Jpeg, Png, Gif, WebP, Pdf, Mp4, QuickTime, WebM];

    public static AttachmentType? ByContentType(string contentType) => All.FirstOrDefault(t => t.ContentType == contentType);

    /// <summary>ISO base media brands of MP4 video (HEIC/AVIF images share the container: their brands are not here).</summary>
    private static readonly string[] Mp4Brands = ["isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "M4VH", "M4VP", "dash", "3gp4", "3gp5", "3gp6", "3g2a", "MSNV"];

    /// <summary>The type the leading bytes say, or null for anything else.</summary>
    public static AttachmentType? Recognise(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Gif;
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return WebP;
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(head[8..12]);
            if (brand == "qt  ") return QuickTime;
            if (Mp4Brands.Contains(brand)) return Mp4;
            return null;
        }
        // EBML (Matroska family): only WebM, which names itself as the doc type in the header.
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) && head.IndexOf("webm"u8) > 0) return WebM;
        return null;
    }

    /// <summary>The decision on an upload: its type by content, within its family's size; else why not.</summary>
    public static AttachmentType Check(ReadOnlySpan<byte> head, long size, AttachmentOptions limits)
    {
        if (size <= 0) throw new AttachmentRefused(AttachmentRefused.Empty, StatusCodes.Status400BadRequest, "The file is empty.");
        var type = Recognise(head) ?? throw new AttachmentRefused(AttachmentRefused.UnsupportedType, StatusCodes.Status415UnsupportedMediaType,
            "By its content the file is not a JPEG, PNG, GIF or WebP image, a PDF, or an MP4, QuickTime or WebM video (its name and declared type are not looked at).");
        var max = limits.MaxBytes(type.Family);
        if (size > max)
            throw new AttachmentRefused(AttachmentRefused.Oversized, StatusCodes.Status413PayloadTooLarge,
                $"A {type.Family} may be at most {Megabytes(max)} (this {type.ContentType} file is {Megabytes(size)}).");
        return type;
    }

    private static string Megabytes(long bytes) => $"{bytes / 1048576.0:0.#} MB";
}

/// <summary>Configuration section "Incidents:Attachments".</summary>
public sealed class AttachmentOptions
{
    public long MaxImageBytes { get; set; } = 10 * 1024 * 1024;
    public long MaxVideoBytes { get; set; } = 20 * 1024 * 1024;
    public long MaxDocumentBytes { get; set; } = 10 * 1024 * 1024;
    public int MaxPerIncident { get; set; } = 10;

    /// <summary>Where the bytes go: <see cref="PostgresStore"/> (the default, beside the events) or <see cref="S3Store"/>.</summary>
    public string Store { get; set; } = PostgresStore;

    public const string PostgresStore = "postgres";
    public const string S3Store = "s3";

    /// <summary>"Incidents:Attachments:S3", read when <see cref="Store"/> is <see cref="S3Store"/>.</summary>
    public S3AttachmentOptions S3 { get; set; } = new();

    public long MaxBytes(string family) => family switch
    {
        AttachmentType.Video => MaxVideoBytes,
        AttachmentType.Document => MaxDocumentBytes,
        _ => MaxImageBytes,
    };

    /// <summary>The largest upload of any family: what the request body may reach.</summary>
    public long MaxAny => Math.Max(MaxImageBytes, Math.Max(MaxVideoBytes, MaxDocumentBytes));
}

/// <summary>An S3-compatible bucket ("Incidents:Attachments:S3"); the keys only from configuration (secrets).</summary>
public sealed class S3AttachmentOptions
{
    /// <summary>The endpoint of an S3-compatible server (MinIO, Ceph, a cloud's); empty for AWS itself, by <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    public string Bucket { get; set; } = "";
    public string Region { get; set; } = "us-east-1";

    /// <summary>https://host/bucket/key rather than https://bucket.host/key: what most self-hosted servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Bucket)) problems.Add("Incidents:Attachments:S3:Bucket is not set.");
        if (string.IsNullOrWhiteSpace(AccessKey) || string.IsNullOrWhiteSpace(SecretKey))
            problems.Add("Incidents:Attachments:S3:AccessKey and SecretKey are not set (secrets, from configuration).");
        if (!string.IsNullOrWhiteSpace(ServiceUrl) && !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out _))
            problems.Add("Incidents:Attachments:S3:ServiceUrl is not an absolute URL.");
        return problems;
    }
}
