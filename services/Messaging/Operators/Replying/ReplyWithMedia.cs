using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Media;
using ChannelNames = Omnichannel.Contracts.Channels;

namespace Omnichannel.Messaging.Operators.Replying;

/// <summary>An operator's reply with a file: the text reply's decision, the file on the queued reply. The chat channels
/// carry files (Telegram photo/document, WhatsApp image/document) and so does e-mail (an attachment); an SMS
/// conversation is a 409.</summary>
public static class MediaReplyDecision
{
    public static readonly string[] Channels = [ChannelNames.Telegram, ChannelNames.WhatsApp, ChannelNames.Email];

    public static IReadOnlyList<object> Decide(Conversation state, Guid handoverId, string by, string caption, OutboundMedia media, Guid replyId, DateTimeOffset at)
    {
        var events = DeskDecisions.Reply(state, handoverId, by, caption, replyId, at);
        if (!Channels.Contains(state.Channel)) throw Rejection.Conflict($"A {state.Channel} conversation takes no files: answer it with text.");
        return [.. events.Select(e => e is ReplyQueued queued ? queued with { Media = media } : e)];
    }
}

/// <summary>
/// POST /api/messaging/operators/handovers/{handoverId}/media (staff; If-Match): the operator who claimed the
/// conversation sends a photo (JPEG, PNG) or a document (PDF) as multipart/form-data — the file in the part
/// <c>file</c>, an optional <c>caption</c>. The type is judged by the bytes, the size by its kind
/// (<see cref="ReplyMediaOptions"/>); the bytes are stored by hash before the reply is queued, and the reply leaves
/// on the conversation's channel like any other.
/// </summary>
public static class ReplyWithMediaEndpoint
{
    public const string FilePart = "file";
    public const string CaptionPart = "caption";

    public static async Task<IResult> Handle(Guid handoverId, HttpContext http, IDocumentSession session, ReplyMediaStore media,
        IOptions<ReplyMediaOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var limits = options.Value;
        // Refused before the bytes are read: no such hand-over.
        _ = await HandoverChange.FindAsync(session, handoverId, ct) ?? throw Rejection.NotFound("There is no such hand-over.");
        var request = http.Request;
        if (!(request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Refused(StatusCodes.Status415UnsupportedMediaType, "not-multipart", $"Send the file as multipart/form-data, in a part named '{FilePart}'.");
        var bodyLimit = limits.MaxAny + 64 * 1024;
        if (request.ContentLength > bodyLimit) return TooLarge(limits.MaxAny);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = bodyLimit;

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limits.MaxAny);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return ProblemHandling.InvalidField(FilePart, "The body is not well-formed multipart/form-data.");
        }

        var file = form.Files.GetFile(FilePart);
        if (file is null || file.Length == 0) return ProblemHandling.InvalidField(FilePart, $"Attach the file in a part named '{FilePart}'.");
        var caption = SafeText.Of(form[CaptionPart].FirstOrDefault()?.Trim()) ?? "";
        if (caption.Length > 1024) return ProblemHandling.InvalidField(CaptionPart, "A caption may be at most 1024 characters.");

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, ct);
        if (ReplyMediaContent.Recognise(content.AsSpan(0, Math.Min(content.Length, BuildingBlocks.Files.FileTypes.HeadLength))) is not { } type)
            return Refused(StatusCodes.Status415UnsupportedMediaType, "unsupported-type",
                "By its content the file is not a JPEG or PNG photo or a PDF document (its name and declared type are not looked at).");
        var max = limits.MaxBytes(type.Kind);
        if (content.LongLength > max) return TooLarge(max);

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var outbound = new OutboundMedia(type.Kind, sha256, type.ContentType, ReplyMediaContent.FileName(file.FileName, type.Extension), content.LongLength);
        // Bytes first: a queued reply never names a file the store lacks.
        await media.SaveAsync(sha256, type.ContentType, content, ct);
        var by = http.User.Subject();
        var at = clock.GetUtcNow();
        return await HandoverChange.RunAsync(handoverId, session, http,
            state => MediaReplyDecision.Decide(state, handoverId, by, caption, outbound, Guid.NewGuid(), at), ct);
    }

    private static IResult TooLarge(long max) =>
        Refused(StatusCodes.Status413PayloadTooLarge, "oversized", $"The file may be at most {max / 1048576.0:0.#} MB.");

    private static IResult Refused(int status, string reason, string detail) =>
        TypedResults.Problem(statusCode: status, title: status == StatusCodes.Status413PayloadTooLarge ? "The file is too large." : "The file's type is not accepted.",
            detail: detail, extensions: new Dictionary<string, object?> { ["reason"] = reason });
}
