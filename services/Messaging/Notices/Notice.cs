using Omnichannel.BuildingBlocks.PersonalData;
namespace Omnichannel.Messaging.Notices;

/// <summary>Where a notice may go, in the order it is tried: a channel, the council's account on it, the citizen's
/// address there (a chat id, an E.164 number, an e-mail address).</summary>
public sealed record NoticeTarget([NotPersonal] string Channel, [NotPersonal] string Account, [Personal] string Address);

// What happened to one notice: one stream per notice (its id comes from the integration event's message id).
public sealed record NoticeRequested(Guid NoticeId, [NotPersonal] string Kind, Guid CitizenId, [NotPersonal] string Language, [Personal] string Subject, [Personal] string Text, IReadOnlyList<NoticeTarget> Route, DateTimeOffset At);
// The outcomes carry the notice's citizen and kind (null on events stored before they did): the outbox tells the
// citizen's history from the event alone, without reading the notice's stream.

/// <summary>The provider took it on <see cref="Step"/>'s channel (a fallback when the step is not the first: then
/// <see cref="FallbackFrom"/> is the channel that failed just before).</summary>
public sealed record NoticeSent(int Step, [NotPersonal] string Channel, [NotPersonal] string? ProviderMessageId, DateTimeOffset At,
    Guid? CitizenId = null, [NotPersonal] string? Kind = null, [NotPersonal] string? FallbackFrom = null);
public sealed record NoticeFailed(int Step, [NotPersonal] string Channel, [NotPersonal] string Reason, DateTimeOffset At);
/// <summary>The next channel of the route is tried: <see cref="NoticeSubscription"/> sends on it.</summary>
public sealed record NoticeFellBack(int Step, [NotPersonal] string Channel, DateTimeOffset At);
/// <summary>The provider reported the message on the citizen's phone (an SMS delivery report).</summary>
public sealed record NoticeDelivered(int Step, [NotPersonal] string Channel, DateTimeOffset At, Guid? CitizenId = null, [NotPersonal] string? Kind = null);
/// <summary>Every channel of the route failed, or the citizen has none: nobody could be told (<see cref="Channel"/>:
/// the last one tried, if any).</summary>
public sealed record NoticeUndeliverable([NotPersonal] string Reason, DateTimeOffset At, Guid? CitizenId = null, [NotPersonal] string? Kind = null,
    [NotPersonal] string? Channel = null);

public enum NoticeStatus { Requested, Sent, Delivered, Failed }

/// <summary>A notice as its decisions need it.</summary>
public sealed record Notice(bool Requested, Guid NoticeId, IReadOnlyList<NoticeTarget> Route, int Step, NoticeStatus Status, string? ProviderMessageId)
{
    /// <summary>Whom it is for and what it tells (for the outcomes' history lines).</summary>
    public Guid CitizenId { get; init; }
    public string Kind { get; init; } = "";

    public static readonly Notice Initial = new(false, Guid.Empty, [], 0, NoticeStatus.Requested, null);

    public static string StreamKey(Guid noticeId) => $"notice:{noticeId}";

    public static Notice Evolve(Notice state, object e) => e switch
    {
        NoticeRequested r => state with { Requested = true, NoticeId = r.NoticeId, Route = r.Route, Step = 0, CitizenId = r.CitizenId, Kind = r.Kind },
        NoticeSent s => state with { Step = s.Step, Status = NoticeStatus.Sent, ProviderMessageId = s.ProviderMessageId },
        NoticeFellBack f => state with { Step = f.Step, Status = NoticeStatus.Requested, ProviderMessageId = null },
        NoticeDelivered => state with { Status = NoticeStatus.Delivered },
        NoticeUndeliverable => state with { Status = NoticeStatus.Failed },
        _ => state,
    };
}

public static class NoticeDecisions
{
    /// <summary>A notice is asked for: it is requested, or undeliverable at once when the citizen has no channel.</summary>
    public static IReadOnlyList<object> Request(Guid noticeId, string kind, Guid citizen, string language, string subject, string text, IReadOnlyList<NoticeTarget> route, DateTimeOffset at) =>
        route.Count == 0
            ? [new NoticeRequested(noticeId, kind, citizen, language, subject, text, route, at), new NoticeUndeliverable("no-channel", at, citizen, kind)]
            : [new NoticeRequested(noticeId, kind, citizen, language, subject, text, route, at)];

    /// <summary>How the send of the current step went. A step already settled (a retried page) changes nothing.</summary>
    public static IReadOnlyList<object> Outcome(Notice state, int step, bool sent, string? providerMessageIdOrReason, DateTimeOffset at)
    {
        if (!state.Requested || state.Step != step || state.Status != NoticeStatus.Requested) return [];
        var channel = state.Route[step].Channel;
        return sent
            ? [new NoticeSent(step, channel, providerMessageIdOrReason, at, state.CitizenId, state.Kind, step > 0 ? state.Route[step - 1].Channel : null)]
            : Fail(state, step, providerMessageIdOrReason ?? "failed", at);
    }

    /// <summary>A delivery report for the message sent on the current step: delivered, or failed after all — then the
    /// next channel is tried. Reports arrive out of order and twice: only the first that settles the step counts.</summary>
    public static IReadOnlyList<object> Report(Notice state, string providerMessageId, bool delivered, DateTimeOffset at)
    {
        if (state.Status != NoticeStatus.Sent || state.ProviderMessageId != providerMessageId) return [];
        return delivered ? [new NoticeDelivered(state.Step, state.Route[state.Step].Channel, at, state.CitizenId, state.Kind)] : Fail(state, state.Step, "undelivered", at);
    }

    private static List<object> Fail(Notice state, int step, string reason, DateTimeOffset at)
    {
        var events = new List<object> { new NoticeFailed(step, state.Route[step].Channel, reason, at) };
        events.Add(step + 1 < state.Route.Count ? new NoticeFellBack(step + 1, state.Route[step + 1].Channel, at) : new NoticeUndeliverable("every-channel-failed", at, state.CitizenId, state.Kind, state.Route[step].Channel));
        return events;
    }
}
