using Omnichannel.BuildingBlocks.PersonalData;
using Marten.Events.Aggregation;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Kiosks.Assistance;

/// <summary>On site: an assistant of the office comes to the kiosk. Remote: a member of staff joins by video (the
/// kiosk's camera, speaker and microphone) from the council's staff assistance queue.</summary>
public enum AssistanceMode
{
    OnSite,
    Remote,
}

public enum AssistanceStatus
{
    Waiting,
    Accepted,
    Closed,
}

// One stream per request ("kiosk-assistance:{requestId}"). No citizen here: the request belongs to a kiosk session.
/// <summary>"I want help" at the kiosk. <c>CalledAssistant</c>: on site, the free assistant of the office it was sent to
/// (none free: it waits in the office's queue for whoever accepts).</summary>
public sealed record AssistanceRequested(Guid RequestId, [NotPersonal] string KioskId, [NotPersonal] string OfficeId, Guid SessionId, AssistanceMode Mode, [NotPersonal] string? CalledAssistant, DateTimeOffset At);
/// <summary>A member of staff took the request; remote: with the video room both join.</summary>
public sealed record AssistanceAccepted(Guid RequestId, [NotPersonal] string KioskId, [NotPersonal] string OfficeId, Guid SessionId, AssistanceMode Mode, [NotPersonal] string StaffId, [NotPersonal] string? RoomUrl,
    DateTimeOffset RequestedAt, DateTimeOffset At);
/// <summary>Help is over (or the request was dropped before anyone took it: <c>AcceptedAt</c> null).</summary>
public sealed record AssistanceClosed(Guid RequestId, [NotPersonal] string KioskId, [NotPersonal] string OfficeId, AssistanceMode Mode, [NotPersonal] string By, DateTimeOffset RequestedAt,
    DateTimeOffset? AcceptedAt, DateTimeOffset At);

public sealed record AssistanceState(bool Exists, string KioskId, string OfficeId, Guid SessionId, AssistanceMode Mode, AssistanceStatus Status,
    DateTimeOffset RequestedAt, DateTimeOffset? AcceptedAt, string? StaffId)
{
    public static readonly AssistanceState Initial = new(false, "", "", Guid.Empty, AssistanceMode.OnSite, AssistanceStatus.Waiting, default, null, null);

    public static string StreamKey(Guid requestId) => $"kiosk-assistance:{requestId}";

    public static AssistanceState Evolve(AssistanceState state, object @event) => @event switch
    {
        AssistanceRequested e => new(true, e.KioskId, e.OfficeId, e.SessionId, e.Mode, AssistanceStatus.Waiting, e.At, null, null),
        AssistanceAccepted e => state with { Status = AssistanceStatus.Accepted, AcceptedAt = e.At, StaffId = e.StaffId },
        AssistanceClosed => state with { Status = AssistanceStatus.Closed },
        _ => state,
    };
}

public sealed record RequestAssistance(Guid RequestId, string KioskId, string OfficeId, Guid SessionId, AssistanceMode Mode, bool HasCamera,
    string? FreeAssistant, DateTimeOffset At);
public sealed record AcceptAssistance(Guid RequestId, string StaffId, string? RoomUrl, DateTimeOffset At);
public sealed record CloseAssistance(Guid RequestId, string By, DateTimeOffset At);

/// <summary>The assistance rules, pure.</summary>
public static class AssistanceDecisions
{
    public static IReadOnlyList<object> Decide(RequestAssistance command, AssistanceState state)
    {
        if (state.Exists) throw Rejection.Conflict("This help request exists already.");
        if (command.Mode == AssistanceMode.Remote && !command.HasCamera)
            throw Rejection.Invalid("mode", "Remote help needs a kiosk with a camera, speaker and microphone: ask for help on site.");
        return [new AssistanceRequested(command.RequestId, command.KioskId, command.OfficeId, command.SessionId, command.Mode,
            command.Mode == AssistanceMode.OnSite ? command.FreeAssistant : null, command.At)];
    }

    public static IReadOnlyList<object> Decide(AcceptAssistance command, AssistanceState state)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such help request.");
        if (state.Status == AssistanceStatus.Accepted && state.StaffId == command.StaffId) return []; // a retried acceptance
        if (state.Status != AssistanceStatus.Waiting)
            throw Rejection.Conflict(state.Status == AssistanceStatus.Accepted ? "Someone else took this request." : "This request is closed.");
        return [new AssistanceAccepted(command.RequestId, state.KioskId, state.OfficeId, state.SessionId, state.Mode, command.StaffId,
            state.Mode == AssistanceMode.Remote ? command.RoomUrl : null, state.RequestedAt, command.At)];
    }

    public static IReadOnlyList<object> Decide(CloseAssistance command, AssistanceState state)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such help request.");
        if (state.Status == AssistanceStatus.Closed) return [];
        return [new AssistanceClosed(command.RequestId, state.KioskId, state.OfficeId, state.Mode, command.By, state.RequestedAt, state.AcceptedAt, command.At)];
    }
}

/// <summary>A help request as the queues show it, with its waiting and handling times once known.</summary>
public sealed class AssistanceRequestView
{
    public string Id { get; set; } = "";
    public Guid RequestId { get; set; }
    public string KioskId { get; set; } = "";
    public string OfficeId { get; set; } = "";
    public Guid SessionId { get; set; }
    public AssistanceMode Mode { get; set; }
    public AssistanceStatus Status { get; set; }
    public string? CalledAssistant { get; set; }
    public string? StaffId { get; set; }
    public string? RoomUrl { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>From the request to its acceptance (or to its closing, when nobody took it).</summary>
    public int? WaitingSeconds { get; set; }
    /// <summary>From the acceptance to the closing.</summary>
    public int? HandlingSeconds { get; set; }
}

public sealed partial class AssistanceRequestViewProjection : SingleStreamProjection<AssistanceRequestView, string>
{
    public AssistanceRequestView Create(AssistanceRequested e) => new()
    {
        RequestId = e.RequestId, KioskId = e.KioskId, OfficeId = e.OfficeId, SessionId = e.SessionId, Mode = e.Mode, Status = AssistanceStatus.Waiting,
        CalledAssistant = e.CalledAssistant, RequestedAt = e.At,
    };

    public AssistanceRequestView Apply(AssistanceAccepted e, AssistanceRequestView view)
    {
        view.Status = AssistanceStatus.Accepted;
        view.StaffId = e.StaffId;
        view.RoomUrl = e.RoomUrl;
        view.AcceptedAt = e.At;
        view.WaitingSeconds = (int)(e.At - e.RequestedAt).TotalSeconds;
        return view;
    }

    public AssistanceRequestView Apply(AssistanceClosed e, AssistanceRequestView view)
    {
        view.Status = AssistanceStatus.Closed;
        view.ClosedAt = e.At;
        if (e.AcceptedAt is { } accepted) view.HandlingSeconds = (int)(e.At - accepted).TotalSeconds;
        else view.WaitingSeconds = (int)(e.At - e.RequestedAt).TotalSeconds;
        return view;
    }
}

/// <summary>A member of staff who assists at the kiosks of an office (id "{officeId}:{staffId}"): free, or busy with a
/// request. Saved with optimistic concurrency, so two kiosks calling the same free assistant at once cannot both get them.</summary>
public sealed class OfficeAssistant
{
    public string Id { get; set; } = "";
    public string OfficeId { get; set; } = "";
    public string StaffId { get; set; } = "";
    public bool Available { get; set; }
    public Guid? BusyWith { get; set; }
    /// <summary>Since when free: the one free longest is called first.</summary>
    public DateTimeOffset FreeSince { get; set; }

    public static string IdOf(string officeId, string staffId) => $"{officeId}:{staffId}";
}

/// <summary>Configuration section "Kiosks:RemoteAssistance".</summary>
public sealed class RemoteAssistanceOptions
{
    public const string Section = "Kiosks:RemoteAssistance";

    /// <summary>The video room of a remote help request: <c>{room}</c> becomes an unguessable room name (and
    /// <c>{council}</c> the council). Jitsi-style by default: a public Jitsi Meet room is made by visiting its URL.</summary>
    public string RoomUrlTemplate { get; set; } = "https://meet.jit.si/{council}-kiosk-{room}";

    public string RoomUrl(string council, string room) =>
        RoomUrlTemplate.Replace("{council}", Uri.EscapeDataString(council), StringComparison.Ordinal).Replace("{room}", room, StringComparison.Ordinal);
}
