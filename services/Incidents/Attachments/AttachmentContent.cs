using Omnichannel.BuildingBlocks.Files;

namespace Omnichannel.Incidents.Attachments;

/// <summary>Why an attachment is refused: the problem's <c>reason</c> and its status (413, 415, 400).</summary>
public sealed class AttachmentRefused(string reason, int status, string detail) : Exception(detail)
{
    public const string Oversized = "oversized";
    public const string UnsupportedType = "unsupported-type";
    public const string Empty = "empty";

    public string Reason { get; } = reason;
    public int Status { get; } = status;
}

/// <summary>The types a report may carry (<see cref="FileTypes"/>: images, PDF screenshots, short videos, by their magic
/// bytes) and the size each family may have.</summary>
public static class AttachmentContent
{
    /// <summary>The decision on an upload: its type by content, within its family's size; else why not.</summary>
    public static FileType Check(ReadOnlySpan<byte> head, long size, AttachmentOptions limits)
    {
        if (size <= 0) throw new AttachmentRefused(AttachmentRefused.Empty, StatusCodes.Status400BadRequest, "The file is empty.");
        var type = FileTypes.Recognise(head) ?? throw new AttachmentRefused(AttachmentRefused.UnsupportedType, StatusCodes.Status415UnsupportedMediaType,
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
        FileType.Video => MaxVideoBytes,
        FileType.Document => MaxDocumentBytes,
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
