using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Omnichannel.Kiosks.Sessions;

/// <summary>A kiosk's privacy state, as the kiosk polls it and the session watcher finds what to time out: the open
/// session and its last activity, the wipe waiting for acknowledgement, out of service. No citizen id here.</summary>
public sealed class KioskSessionsView
{
    public string Id { get; set; } = "";
    public string Council { get; set; } = "";
    public string KioskId { get; set; } = "";
    public string OfficeId { get; set; } = "";
    public Guid? OpenSessionId { get; set; }
    public DateTimeOffset? LastActivityAt { get; set; }
    public Guid? WipeSessionId { get; set; }
    public DateTimeOffset? WipeIssuedAt { get; set; }
    public bool OutOfService { get; set; }
    /// <summary>Whether the watcher has anything to look at here.</summary>
    public bool Watched { get; set; }
}

public sealed partial class KioskSessionsViewProjection : SingleStreamProjection<KioskSessionsView, string>
{
    public KioskSessionsView Apply(IEvent<SessionStarted> e, KioskSessionsView view)
    {
        view.Council = e.TenantId;
        view.KioskId = e.Data.KioskId;
        view.OfficeId = e.Data.OfficeId;
        view.OpenSessionId = e.Data.SessionId;
        view.LastActivityAt = e.Data.At;
        view.Watched = true;
        return view;
    }

    public KioskSessionsView Apply(SessionActionRecorded e, KioskSessionsView view)
    {
        view.LastActivityAt = e.At;
        return view;
    }

    public KioskSessionsView Apply(SessionIdentified e, KioskSessionsView view)
    {
        view.LastActivityAt = e.At;
        return view;
    }

    public KioskSessionsView Apply(AssistantJoined e, KioskSessionsView view)
    {
        view.LastActivityAt = e.At;
        return view;
    }

    public KioskSessionsView Apply(SessionEnded e, KioskSessionsView view)
    {
        view.OpenSessionId = null;
        view.LastActivityAt = null;
        view.WipeSessionId = e.SessionId;
        view.WipeIssuedAt = e.At;
        view.Watched = true;
        return view;
    }

    public KioskSessionsView Apply(WipeAcknowledged e, KioskSessionsView view)
    {
        view.WipeSessionId = null;
        view.WipeIssuedAt = null;
        view.OutOfService = false;
        view.Watched = false;
        return view;
    }

    public KioskSessionsView Apply(KioskTakenOutOfService e, KioskSessionsView view)
    {
        view.OutOfService = true;
        view.Watched = false; // nothing more to time out until it acknowledges
        return view;
    }
}

/// <summary>What the kiosk polls: the open session, and the wipe it must do and acknowledge (after an idle timeout the
/// kiosk learns of its wipe here).</summary>
public sealed record PrivacyState(Guid? OpenSessionId, Guid? WipeSessionId, bool OutOfService);
