using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Model;

public enum IncidentStatus
{
    /// <summary>Reported; nobody has triaged it yet.</summary>
    New,
    /// <summary>Triaged or assigned: someone is on it.</summary>
    InProgress,
    /// <summary>The council asked the citizen for information; the SLA clocks are paused until they answer.</summary>
    AwaitingCitizen,
    /// <summary>The council answered; it may still need work before it is resolved.</summary>
    Answered,
    /// <summary>Passed to the back office.</summary>
    Escalated,
    /// <summary>Resolved; the citizen may reopen it within the reopening period.</summary>
    Resolved,
    Closed,
}

/// <summary>Who and what an event is about: carried by every event so each can be published without reading the stream.</summary>
public sealed record IncidentRef(Guid IncidentId, string Code, Guid? CitizenId, string Channel);

/// <summary>Where the reporter says it happened: coordinates, an address, or both.</summary>
public sealed record IncidentLocation(double? Latitude, double? Longitude, string? Address);

public sealed record IncidentReported([NotPersonal] IncidentRef Ref, [NotPersonal] string Kind, [Personal] string Description, [NotPersonal] string? ProcedureCode, [NotPersonal] string? CaseCode,
    [Personal] IncidentLocation? Location, [NotPersonal] string Calendar, IncidentSla Sla, DateTimeOffset At, [NotPersonal] string? Category = null, [Personal] string? MediaUrl = null,
    IReadOnlyList<ReportedAttribute>? Attributes = null);

/// <summary>What the report said for one of its category's attributes (e.g. a streetlight's pole number). Personal like
/// the location: a pole's number says where the reporter was.</summary>
public sealed record ReportedAttribute([NotPersonal] string Code, [Personal] string Value);

public sealed record IncidentTriaged([NotPersonal] IncidentRef Ref, [NotPersonal] string Category, [NotPersonal] string Kind, [NotPersonal] string Priority, IncidentSla Sla, DateTimeOffset At, [NotPersonal] string By);

public sealed record IncidentAssigned([NotPersonal] IncidentRef Ref, [NotPersonal] string Team, [NotPersonal] string? Agent, DateTimeOffset At, [NotPersonal] string By);

/// <summary>The council asked the citizen a question; the clocks pause.</summary>
public sealed record InformationRequested([NotPersonal] IncidentRef Ref, [Personal] string Question, IncidentSla Sla, DateTimeOffset At, [NotPersonal] string By);

/// <summary>The citizen answered, on any channel; the clocks run again.</summary>
public sealed record InformationProvided([NotPersonal] IncidentRef Ref, [Personal] string Information, [NotPersonal] string Channel, IncidentSla Sla, DateTimeOffset At);

public sealed record IncidentAnswered([NotPersonal] IncidentRef Ref, [Personal] string Answer, IncidentSla Sla, DateTimeOffset At, [NotPersonal] string By);

/// <summary>Passed to the back office; the note stays with staff.</summary>
public sealed record IncidentEscalated([NotPersonal] IncidentRef Ref, [NotPersonal] string Team, [Personal] string? Note, DateTimeOffset At, [NotPersonal] string By);

public sealed record IncidentResolved([NotPersonal] IncidentRef Ref, [Personal] string Resolution, IncidentSla Sla, DateTimeOffset At, [NotPersonal] string By);

public sealed record IncidentReopened([NotPersonal] IncidentRef Ref, [Personal] string Reason, [NotPersonal] string Channel, IncidentSla Sla, DateTimeOffset At);

public sealed record IncidentClosed([NotPersonal] IncidentRef Ref, DateTimeOffset At, [NotPersonal] string By);

/// <summary>A citizen follows the incident (they reported the same problem nearby, or their report was merged into it):
/// they hear of its outcome in their history.</summary>
public sealed record IncidentFollowed([NotPersonal] IncidentRef Ref, Guid Follower, [NotPersonal] string Channel, DateTimeOffset At, [NotPersonal] string? MergedFromCode = null);

/// <summary>Staff merged this incident, a duplicate, into <paramref name="IntoCode"/>: it ends here and its reporter follows that one.</summary>
public sealed record IncidentMerged([NotPersonal] IncidentRef Ref, Guid IntoIncidentId, [NotPersonal] string IntoCode, DateTimeOffset At, [NotPersonal] string By);

/// <summary>The outcome told to one follower, with the resolution (one event per follower so each reaches their own history).</summary>
public sealed record OutcomeToldToFollower(IncidentRef Ref, Guid Follower, string Resolution, DateTimeOffset At);

/// <summary>The citizen rated how the council handled it (1–5), once, after its resolution, on any channel.</summary>
public sealed record IncidentRated([NotPersonal] IncidentRef Ref, int Rating, [Personal] string? Comment, [NotPersonal] string Channel, DateTimeOffset At);

/// <summary>What a file attached to an incident is; its bytes are in the attachment store under <paramref name="Sha256"/>.</summary>
public sealed record IncidentAttachment(string Sha256, string ContentType, long Size);

/// <summary>A file attached by the reporter (by the code, with the report or with an answer) or by staff. The stream
/// holds only its hash, type and size, never its bytes.</summary>
public sealed record AttachmentAdded([NotPersonal] IncidentRef Ref, [NotPersonal] IncidentAttachment Attachment, [NotPersonal] string AddedBy, DateTimeOffset At, [NotPersonal] string? By = null)
{
    public const string Reporter = "reporter";
    public const string Staff = "staff";
}

/// <summary>An SLA clock ran out. <paramref name="At"/> is the instant it was due (the breach happened then, whenever
/// the watcher noticed it: <paramref name="NoticedAt"/>).</summary>
public sealed record SlaBreached([NotPersonal] IncidentRef Ref, [NotPersonal] string Clock, [NotPersonal] string Kind, [NotPersonal] string? Team, DateTimeOffset DueAt, IncidentSla Sla, DateTimeOffset At, DateTimeOffset NoticedAt);

/// <summary>An incident as its decisions see it.</summary>
public sealed record Incident(
    bool Exists, IncidentRef Ref, string Kind, IncidentStatus Status, IncidentStatus StatusBeforeWaiting,
    string? Category, string? Priority, string? Team, string? Agent, string Calendar, IncidentSla Sla,
    DateTimeOffset ReportedAt, DateTimeOffset? ResolvedAt, int? Rating = null, IReadOnlyList<Guid>? Followers = null,
    IReadOnlyList<string>? AttachmentHashes = null)
{
    public IReadOnlyList<Guid> FollowedBy => Followers ?? [];
    public IReadOnlyList<string> Attached => AttachmentHashes ?? [];

    public static readonly Incident Initial = new(false, new IncidentRef(Guid.Empty, "", null, ""), "", IncidentStatus.New, IncidentStatus.New,
        null, null, null, null, "", IncidentSla.None, default, null);

    public static string StreamKey(Guid incidentId) => $"incident:{incidentId:N}";

    public bool IsOpen => Status is not (IncidentStatus.Resolved or IncidentStatus.Closed);

    public static Incident Evolve(Incident state, object @event) => @event switch
    {
        IncidentReported e => new(true, e.Ref, e.Kind, IncidentStatus.New, IncidentStatus.New, e.Category, null, null, null, e.Calendar, e.Sla, e.At, null),
        IncidentTriaged e => state with
        {
            Category = e.Category, Kind = e.Kind, Priority = e.Priority, Sla = e.Sla,
            Status = state.Status == IncidentStatus.New ? IncidentStatus.InProgress : state.Status,
        },
        IncidentAssigned e => state with
        {
            Team = e.Team, Agent = e.Agent,
            Status = state.Status == IncidentStatus.New ? IncidentStatus.InProgress : state.Status,
        },
        InformationRequested e => state with { Status = IncidentStatus.AwaitingCitizen, StatusBeforeWaiting = state.Status, Sla = e.Sla },
        InformationProvided e => state with { Status = state.StatusBeforeWaiting == IncidentStatus.New ? IncidentStatus.InProgress : state.StatusBeforeWaiting, Sla = e.Sla },
        IncidentAnswered e => state with { Status = IncidentStatus.Answered, Sla = e.Sla },
        IncidentEscalated e => state with { Status = IncidentStatus.Escalated, Team = e.Team, Agent = null },
        IncidentResolved e => state with { Status = IncidentStatus.Resolved, ResolvedAt = e.At, Sla = e.Sla },
        IncidentReopened e => state with { Status = IncidentStatus.InProgress, ResolvedAt = null, Sla = e.Sla },
        IncidentClosed => state with { Status = IncidentStatus.Closed },
        IncidentMerged => state with { Status = IncidentStatus.Closed },
        IncidentRated e => state with { Rating = e.Rating },
        IncidentFollowed e => state with { Followers = [.. state.FollowedBy, e.Follower] },
        SlaBreached e => state with { Sla = e.Sla },
        AttachmentAdded e => state with { AttachmentHashes = [.. state.Attached, e.Attachment.Sha256] },
        _ => state,
    };
}
