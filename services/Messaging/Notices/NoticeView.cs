using Marten.Events.Aggregation;

namespace Omnichannel.Messaging.Notices;

/// <summary>How a notice went, to look at (staff, tests): the channel it went out on, whether a fallback was used,
/// and each attempt.</summary>
public sealed class NoticeView
{
    public string Id { get; set; } = "";
    public Guid NoticeId { get; set; }
    public string Kind { get; set; } = "";
    public Guid CitizenId { get; set; }
    public NoticeStatus Status { get; set; }
    /// <summary>The channel it went out on (or is being tried on).</summary>
    public string? Channel { get; set; }
    public bool FallbackUsed { get; set; }
    public bool Undeliverable { get; set; }
    public List<string> Attempts { get; set; } = [];
    public DateTimeOffset RequestedAt { get; set; }
}

public sealed partial class NoticeViewProjection : SingleStreamProjection<NoticeView, string>
{
    public NoticeView Create(NoticeRequested e) => new()
    {
        NoticeId = e.NoticeId, Kind = e.Kind, CitizenId = e.CitizenId, Status = NoticeStatus.Requested, RequestedAt = e.At,
        Channel = e.Route.Count > 0 ? e.Route[0].Channel : null,
    };

    public NoticeView Apply(NoticeSent e, NoticeView view)
    {
        view.Status = NoticeStatus.Sent;
        view.Channel = e.Channel;
        view.Attempts.Add($"{e.Channel}:sent");
        return view;
    }

    public NoticeView Apply(NoticeFailed e, NoticeView view) { view.Attempts.Add($"{e.Channel}:{e.Reason}"); return view; }

    public NoticeView Apply(NoticeFellBack e, NoticeView view)
    {
        view.Status = NoticeStatus.Requested;
        view.Channel = e.Channel;
        view.FallbackUsed = true;
        return view;
    }

    public NoticeView Apply(NoticeDelivered e, NoticeView view) { view.Status = NoticeStatus.Delivered; return view; }

    public NoticeView Apply(NoticeUndeliverable e, NoticeView view)
    {
        view.Status = NoticeStatus.Failed;
        view.Undeliverable = true;
        return view;
    }
}
