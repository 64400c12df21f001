using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Files;
using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Incidents.LookingUp;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Attachments;

public sealed record AddAttachment(IncidentAttachment Attachment, string AddedBy, DateTimeOffset At, string? By);

public static class AddAttachmentDecision
{
    /// <summary>A file joins an incident that is not closed, up to the council's number per incident. The same file
    /// (same hash) twice is one attachment: nothing new is recorded.</summary>
    public static IReadOnlyList<object> Decide(AddAttachment command, Incident state, int maxPerIncident)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such incident.");
        if (state.Status == IncidentStatus.Closed) throw Rejection.Conflict("The incident is closed: it takes no more attachments.");
        if (state.Attached.Contains(command.Attachment.Sha256)) return [];
        if (state.Attached.Count >= maxPerIncident)
            throw Rejection.Conflict($"The incident already has {state.Attached.Count} attachments, the most it may have.");
        return [new AttachmentAdded(state.Ref, command.Attachment, command.AddedBy, command.At, command.By)];
    }
}

/// <summary>What an upload answers: the attachment as the incident records it, and where to download it.</summary>
public sealed record AttachmentReply(Guid IncidentId, string Sha256, string ContentType, long Size, int Attachments);

/// <summary>
/// POST /api/incidents/by-code/{code}/attachments (the reporter, any channel, with the report or with an answer) and
/// POST /api/incidents/{incidentId}/attachments (staff): one file as multipart/form-data in a part named <c>file</c>.
/// Its type is read from its bytes; the bytes go to the attachment store by SHA-256, the stream gets hash, type and size.
/// </summary>
public static class AttachmentEndpoints
{
    public const string FilePart = "file";

    public static async Task<IResult> UploadByCode(string code, HttpContext http, IDocumentSession session, IAttachmentStore store,
        IOptions<IncidentsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var view = await LookUpIncidentEndpoints.FindByCodeAsync(session, code, ct) ?? throw Rejection.NotFound("No incident has this code.");
        return await UploadAsync(view.IncidentId, AttachmentAdded.Reporter, null, http, session, store, options.Value, clock, ct);
    }

    public static Task<IResult> UploadById(Guid incidentId, HttpContext http, IDocumentSession session, IAttachmentStore store,
        IOptions<IncidentsOptions> options, TimeProvider clock, CancellationToken ct) =>
        UploadAsync(incidentId, AttachmentAdded.Staff, http.User.Subject(), http, session, store, options.Value, clock, ct);

    private static async Task<IResult> UploadAsync(Guid incidentId, string addedBy, string? by, HttpContext http, IDocumentSession session,
        IAttachmentStore store, IncidentsOptions options, TimeProvider clock, CancellationToken ct)
    {
        var limits = options.Attachments;
        // Refused before the bytes are read: no such incident, or one that takes no more.
        var (before, _) = await session.LoadAsync(Incident.StreamKey(incidentId), Incident.Initial, Incident.Evolve, ct);
        if (!before.Exists) throw Rejection.NotFound("There is no such incident.");
        if (before.Status == IncidentStatus.Closed) throw Rejection.Conflict("The incident is closed: it takes no more attachments.");

        (IncidentAttachment Attachment, byte[] Content) upload;
        try
        {
            upload = await ReadAsync(http, limits, ct);
        }
        catch (AttachmentRefused refused)
        {
            return Refusal(refused);
        }

        var command = new AddAttachment(upload.Attachment, addedBy, clock.GetUtcNow(), by);
        AddAttachmentDecision.Decide(command, before, limits.MaxPerIncident);
        // Bytes first: an event never names a hash the store lacks. A failed append leaves bytes nobody names (harmless:
        // the same file uploaded again finds them).
        await store.SaveAsync(upload.Attachment.Sha256, upload.Attachment.ContentType, upload.Content, ct);
        var result = await session.DecideAndAppendAsync(Incident.StreamKey(incidentId), Incident.Initial, Incident.Evolve,
            state => AddAttachmentDecision.Decide(command, state, limits.MaxPerIncident), ct);
        var reply = new AttachmentReply(incidentId, upload.Attachment.Sha256, upload.Attachment.ContentType, upload.Attachment.Size, result.State.Attached.Count);
        return result.Events.Count == 0 ? TypedResults.Ok(reply) : TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{reply.Sha256}", reply);
    }

    /// <summary>Reads the one file of a multipart body, judged by its content within its family's size.</summary>
    private static async Task<(IncidentAttachment, byte[])> ReadAsync(HttpContext http, AttachmentOptions limits, CancellationToken ct)
    {
        var request = http.Request;
        if (!request.HasFormContentType || !(request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new AttachmentRefused("not-multipart", StatusCodes.Status415UnsupportedMediaType,
                $"Send the file as multipart/form-data, in a part named '{FilePart}'.");
        // The largest file allowed, with room for the multipart framing.
        var bodyLimit = limits.MaxAny + 64 * 1024;
        if (request.ContentLength > bodyLimit)
            throw new AttachmentRefused(AttachmentRefused.Oversized, StatusCodes.Status413PayloadTooLarge,
                $"An attachment may be at most {limits.MaxAny / 1048576.0:0.#} MB.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = bodyLimit;

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new AttachmentRefused(AttachmentRefused.Oversized, StatusCodes.Status413PayloadTooLarge,
                $"An attachment may be at most {limits.MaxAny / 1048576.0:0.#} MB.");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            throw new AttachmentRefused("malformed", StatusCodes.Status400BadRequest, "The body is not well-formed multipart/form-data.");
        }

        var file = form.Files.GetFile(FilePart) ?? (form.Files.Count == 1 ? form.Files[0] : null)
            ?? throw new AttachmentRefused("no-file", StatusCodes.Status400BadRequest, $"Attach the file in a part named '{FilePart}'.");
        await using var stream = file.OpenReadStream();
        var content = new byte[file.Length];
        await stream.ReadExactlyAsync(content, ct);
        var type = AttachmentContent.Check(content.AsSpan(0, (int)Math.Min(content.Length, FileTypes.HeadLength)), content.LongLength, limits);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        return (new IncidentAttachment(sha256, type.ContentType, content.LongLength), content);
    }

    /// <summary>A refused upload: 413, 415 or 400, its <c>reason</c> a word a front-end can switch on; a 400 names the part.</summary>
    private static IResult Refusal(AttachmentRefused refused)
    {
        var extensions = new Dictionary<string, object?> { ["reason"] = refused.Reason };
        if (refused.Status == StatusCodes.Status400BadRequest)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [FilePart] = [refused.Message] },
                detail: refused.Message, title: "The attachment is not valid.", extensions: extensions);
        var title = refused.Status == StatusCodes.Status413PayloadTooLarge ? "The attachment is too large." : "The attachment's type is not accepted.";
        return TypedResults.Problem(statusCode: refused.Status, title: title, detail: refused.Message, extensions: extensions);
    }

    /// <summary>GET /api/incidents/by-code/{code}/attachments/{sha256}: the reporter downloads a file of their incident.</summary>
    public static async Task<IResult> DownloadByCode(string code, string sha256, IQuerySession session, IAttachmentStore store, CancellationToken ct)
    {
        var view = await LookUpIncidentEndpoints.FindByCodeAsync(session, code, ct) ?? throw Rejection.NotFound("No incident has this code.");
        return await DownloadAsync(view, sha256, store, ct);
    }

    /// <summary>GET /api/incidents/{incidentId}/attachments/{sha256} (staff).</summary>
    public static async Task<IResult> DownloadById(Guid incidentId, string sha256, IQuerySession session, IAttachmentStore store, HttpContext http, CancellationToken ct)
    {
        var view = await session.LoadAsync<IncidentView>(Incident.StreamKey(incidentId), ct) ?? throw Rejection.NotFound("There is no such incident.");
        http.ReadsCitizen(view.CitizenId);
        return await DownloadAsync(view, sha256, store, ct);
    }

    /// <summary>Only a hash the incident names: holding one incident's code reveals no other incident's files.</summary>
    private static async Task<IResult> DownloadAsync(IncidentView view, string sha256, IAttachmentStore store, CancellationToken ct)
    {
        var hash = sha256.Trim().ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(Uri.IsHexDigit)) return ProblemHandling.InvalidField("sha256", "A SHA-256 hash is 64 hexadecimal digits.");
        var attachment = view.Attachments.FirstOrDefault(a => a.Sha256 == hash) ?? throw Rejection.NotFound("The incident has no such attachment.");
        var stored = await store.FindAsync(hash, ct) ?? throw Rejection.NotFound("The incident has no such attachment.");
        var type = FileTypes.ByContentType(attachment.ContentType);
        return TypedResults.File(stored.Content, attachment.ContentType, $"{view.Code}-{hash[..12]}.{type?.Extension ?? "bin"}");
    }
}
