using Marten;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;

namespace Omnichannel.Messaging.Operators.Inbox;

/// <summary>A conversation in the operators' inbox. No chat id or phone number: the hand-over id names it.</summary>
public sealed record HandoverItem(
    Guid HandoverId, string Channel, string Language, Guid? CitizenId, HandoverStage Stage, string Reason,
    DateTimeOffset WaitingSince, string? ClaimedBy, DateTimeOffset? ClaimedAt, DateTimeOffset LastMessageAt, long Version)
{
    /// <param name="version">The conversation stream's version: the ETag (If-Match) of the operators' steps, which
    /// compare it with the stream. Not the view's: the view skips events it does not show (a reply's outcome).</param>
    public static HandoverItem Of(ConversationView v, long version) => new(v.HandoverId!.Value, v.Channel, v.Language, v.CitizenId, v.Handover,
        v.HandoverReason ?? "", v.WaitingSince ?? v.LastMessageAt, v.ClaimedBy, v.ClaimedAt, v.LastMessageAt, version);
}

/// <summary>One line of a conversation as the operator reads it: who wrote (citizen, bot, operator) and what.</summary>
public sealed record TranscriptLine(DateTimeOffset At, string From, MessageKind Kind, string? Text, bool HasMedia, GeoPoint? Location)
{
    /// <summary>The files the citizen's message carried that were taken (an e-mail's attachments; a chat's photo, video
    /// or document once fetched from its provider): each downloads from
    /// <c>GET …/handovers/{handoverId}/attachments/{sha256}</c>.</summary>
    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];
    /// <summary>The files refused (the citizen was told which and why).</summary>
    public IReadOnlyList<RefusedAttachment> RefusedAttachments { get; init; } = [];
}

public sealed record HandoverDetail(HandoverItem Handover, List<TranscriptLine> Transcript);

public static class ListHandoversEndpoints
{
    /// <summary>How much of a conversation the operator is shown.</summary>
    public const int TranscriptLines = 100;

    /// <summary>GET /api/messaging/operators/handovers?stage=waiting|claimed (staff): open hand-overs, the longest waiting first.</summary>
    public static async Task<IResult> List(string? stage, IQuerySession session, CancellationToken ct)
    {
        var stages = stage switch
        {
            null or "" => new[] { HandoverStage.Waiting, HandoverStage.Claimed },
            "waiting" => [HandoverStage.Waiting],
            "claimed" => [HandoverStage.Claimed],
            _ => throw Rejection.Invalid("stage", "Use waiting or claimed (or leave it out for both)."),
        };
        var views = await session.Query<ConversationView>()
            .Where(v => v.HandoverId != null && stages.Contains(v.Handover))
            .OrderBy(v => v.WaitingSince).Take(500).ToListAsync(ct);
        // The listed conversations' stream versions (their ETags), all in one round trip.
        var versions = session.CreateBatchQuery();
        var states = views.Select(v => versions.Events.FetchStreamState(v.Id)).ToList();
        if (views.Count > 0) await versions.Execute(ct);
        var items = new List<HandoverItem>(views.Count);
        for (var i = 0; i < views.Count; i++) items.Add(HandoverItem.Of(views[i], (await states[i])?.Version ?? 0));
        return TypedResults.Ok(items);
    }

    /// <summary>GET /api/messaging/operators/handovers/{handoverId} (staff): the hand-over with the conversation's last
    /// lines and its ETag.</summary>
    public static async Task<IResult> Get(Guid handoverId, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var view = await HandoverChange.FindAsync(session, handoverId, ct) ?? throw Rejection.NotFound("There is no such hand-over.");
        var events = await session.Events.FetchStreamAsync(view.Id, token: ct);
        var chatFiles = ChatFiles(events);
        var lines = events.Select(e => e.Data switch
        {
            MessageReceived m => new TranscriptLine(m.At, "citizen", m.Kind, m.Text, m.MediaId is not null || m.Attachments.Count > 0, m.Location)
            {
                Attachments = chatFiles.TryGetValue(m.DeliveryId, out var fetched) ? [.. m.Attachments, fetched] : m.Attachments,
                RefusedAttachments = m.RefusedAttachments,
            },
            ReplyQueued r => new TranscriptLine(r.At, r.Reason == ReplyReasons.Operator ? "operator" : "bot", MessageKind.Text, r.Text, r.Media is not null, null),
            _ => null,
        }).OfType<TranscriptLine>().TakeLast(TranscriptLines).ToList();
        var version = events.Count == 0 ? 0 : events[^1].Version;
        http.Response.Headers.ETag = Versioning.ETag(version);
        http.ReadsCitizen(view.CitizenId);
        return TypedResults.Ok(new HandoverDetail(HandoverItem.Of(view, version), lines));
    }

    /// <summary>The chat files fetched and kept (<see cref="Media.ChatMediaStored"/>), by the delivery of the message that
    /// carried them: shown and downloaded as that message's attachments.</summary>
    private static Dictionary<string, InboundAttachment> ChatFiles(IEnumerable<JasperFx.Events.IEvent> events) =>
        events.Select(e => e.Data).OfType<Media.ChatMediaStored>().DistinctBy(s => s.DeliveryId).ToDictionary(s => s.DeliveryId, s => s.Attachment);

    /// <summary>GET /api/messaging/operators/handovers/{handoverId}/attachments/{sha256} (staff): a file the citizen sent
    /// in that conversation (an e-mail's attachment, or a chat's photo, video or document once fetched), with its content type. Only a hash the conversation names: holding one hand-over's id
    /// reveals no other conversation's files.</summary>
    public static async Task<IResult> Attachment(Guid handoverId, string sha256, IQuerySession session, Email.InboundMediaStore media, HttpContext http, CancellationToken ct)
    {
        var hash = sha256.Trim().ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(Uri.IsHexDigit)) return ProblemHandling.InvalidField("sha256", "A SHA-256 hash is 64 hexadecimal digits.");
        var view = await HandoverChange.FindAsync(session, handoverId, ct) ?? throw Rejection.NotFound("There is no such hand-over.");
        var events = await session.Events.FetchStreamAsync(view.Id, token: ct);
        var attachment = events.Select(e => e.Data).OfType<MessageReceived>().SelectMany(m => m.Attachments).Concat(ChatFiles(events).Values)
            .FirstOrDefault(a => a.Sha256 == hash) ?? throw Rejection.NotFound("The conversation has no such file.");
        var stored = await media.FindAsync(hash, ct) ?? throw Rejection.NotFound("The conversation has no such file.");
        // A known citizen's file is a read of their data: in the access log, with the reason given.
        http.ReadsCitizen(view.CitizenId);
        return TypedResults.File(stored.Content, attachment.ContentType, attachment.FileName);
    }
}
