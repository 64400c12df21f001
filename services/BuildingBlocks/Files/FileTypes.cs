using System.Text;

namespace Omnichannel.BuildingBlocks.Files;

/// <summary>What a file is, judged by its first bytes (never by its name or the type the client declared).</summary>
public sealed record FileType(string ContentType, string Family, string Extension)
{
    public const string Image = "image";
    public const string Video = "video";
    public const string Document = "document";
}

/// <summary>
/// The file types the platform takes from citizens and staff — JPEG, PNG, GIF and WebP images, PDF, MP4, QuickTime and
/// WebM videos — recognised by their magic bytes, so a file renamed to .jpg is what its bytes say. One recogniser for
/// incidents' attachments and messaging's operator files.
/// </summary>
public static class FileTypes
{
    /// <summary>How many leading bytes <see cref="Recognise"/> needs to decide (WebM names its doc type in the EBML header).</summary>
    public const int HeadLength = 64;

    public static readonly FileType Jpeg = new("image/jpeg", FileType.Image, "jpg");
    public static readonly FileType Png = new("image/png", FileType.Image, "png");
    public static readonly FileType Gif = new("image/gif", FileType.Image, "gif");
    public static readonly FileType WebP = new("image/webp", FileType.Image, "webp");
    public static readonly FileType Pdf = new("application/pdf", FileType.Document, "pdf");
    public static readonly FileType Mp4 = new("video/mp4", FileType.Video, "mp4");
    public static readonly FileType QuickTime = new("video/quicktime", FileType.Video, "mov");
    public static readonly FileType WebM = new("video/webm", FileType.Video, "webm");

    public static IReadOnlyList<FileType> All { get; } = [Jpeg, Png, Gif, WebP, Pdf, Mp4, QuickTime, WebM];

    public static FileType? ByContentType(string contentType) => All.FirstOrDefault(t => t.ContentType == contentType);

    /// <summary>ISO base media brands of MP4 video (HEIC/AVIF images share the container: their brands are not here).</summary>
    private static readonly string[] Mp4Brands = ["isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "M4VH", "M4VP", "dash", "3gp4", "3gp5", "3gp6", "3g2a", "MSNV"];

    /// <summary>The type the leading bytes say, or null for anything else.</summary>
    public static FileType? Recognise(ReadOnlySpan<byte> head)
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

}
