using Marten.Events.Aggregation;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.LookingUp;

/// <summary>An incident as staff see it (inbox, detail, SLA lists), with every step. Citizens see <see cref="PublicIncidentStatus"/>.</summary>
public sealed class IncidentView : Marten.Metadata.ITenanted
{
    public string Id { get; set; } = "";
    public string? TenantId { get; set; }
    public Guid IncidentId { get; set; }
    public string Code { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Channel { get; set; } = "";
    public Guid? CitizenId { get; set; }
    public string Description { get; set; } = "";
    public string? ProcedureCode { get; set; }
    public string? CaseCode { get; set; }
    public IncidentLocation? Location { get; set; }

    /// <summary>Where the Open311 client that reported it keeps a photo (its media_url), as given.</summary>
    public string? MediaUrl { get; set; }

    /// <summary>What the report said for its category's attributes (e.g. a streetlight's pole number).</summary>
    public List<ReportedAttribute> Attributes { get; set; } = [];
    public IncidentStatus Status { get; set; }

    /// <summary>Where it goes back to when the citizen answers.</summary>
    public IncidentStatus StatusBeforeWaiting { get; set; }
    public string? Category { get; set; }
    public string? Priority { get; set; }
    public string? Team { get; set; }
    public string? Agent { get; set; }
    public string Calendar { get; set; } = "";
    public IncidentSla Sla { get; set; } = IncidentSla.None;

    /// <summary>The earliest due instant of a running clock: the inbox's order (null, last: nothing is counting).</summary>
    public DateTimeOffset? NextDueAt { get; set; }

    /// <summary>The earliest due instant of a clock not breached yet: what the watcher waits for.</summary>
    public DateTimeOffset? NextBreachAt { get; set; }

    public bool Breached { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public long Version { get; set; }

    /// <summary>The citizen's satisfaction rating (1–5), once resolved and rated.</summary>
    public int? Rating { get; set; }

    /// <summary>Citizens who follow it: they reported the same problem nearby, or their report was merged into it.</summary>
    public List<Guid> Followers { get; set; } = [];

    /// <summary>The code of the incident this duplicate was merged into.</summary>
    public string? MergedInto { get; set; }
    public string? RatingComment { get; set; }
    public List<Step> Steps { get; set; } = [];

    /// <summary>Files attached by the reporter or staff (their bytes are in the attachment store, by hash).</summary>
    public List<AttachedFile> Attachments { get; set; } = [];

    /// <summary>An attachment as the incident records it: download it at <c>…/attachments/{sha256}</c>.</summary>
    public sealed record AttachedFile(string Sha256, string ContentType, long Size, string AddedBy, DateTimeOffset At);

    public bool IsOpen => Status is not (IncidentStatus.Resolved or IncidentStatus.Closed);

    /// <summary>A step: what the citizen was told (<paramref name="Message"/>) apart from what stays with staff (<paramref name="Note"/>).</summary>
    public sealed record Step(string Name, DateTimeOffset At, string? By, string? Message, string? Note);

    internal void Took(string step, DateTimeOffset at, string? by, IncidentSla? sla = null, string? message = null, string? note = null)
    {
        Steps.Add(new Step(step, at, by, message, note));
        UpdatedAt = at;
        if (sla is null) return;
        Sla = sla;
        NextDueAt = IsOpen ? sla.NextDueAt : null;
        NextBreachAt = IsOpen ? sla.NextBreachAt : null;
        Breached = sla.Breached;
    }
}

public sealed partial class IncidentViewProjection : SingleStreamProjection<IncidentView, string>
{
    public IncidentView Create(IncidentReported e)
    {
        var view = new IncidentView
        {
            IncidentId = e.Ref.IncidentId, Code = e.Ref.Code, Kind = e.Kind, Channel = e.Ref.Channel, CitizenId = e.Ref.CitizenId,
            Description = e.Description, ProcedureCode = e.ProcedureCode, CaseCode = e.CaseCode, Location = e.Location,
            Status = IncidentStatus.New, Calendar = e.Calendar, ReportedAt = e.At, Category = e.Category, MediaUrl = e.MediaUrl,
            Attributes = e.Attributes?.ToList() ?? [],
        };
        view.Took(IncidentSteps.Reported, e.At, null, e.Sla);
        return view;
    }

    public void Apply(IncidentTriaged e, IncidentView view)
    {
        view.Category = e.Category;
        view.Kind = e.Kind;
        view.Priority = e.Priority;
        if (view.Status == IncidentStatus.New) view.Status = IncidentStatus.InProgress;
        view.Took(IncidentSteps.Triaged, e.At, e.By, e.Sla, note: $"{e.Category}, {e.Kind}, {e.Priority}");
    }

    public void Apply(IncidentAssigned e, IncidentView view)
    {
        view.Team = e.Team;
        view.Agent = e.Agent;
        if (view.Status == IncidentStatus.New) view.Status = IncidentStatus.InProgress;
        view.Took(IncidentSteps.Assigned, e.At, e.By, note: e.Agent is null ? e.Team : $"{e.Team}: {e.Agent}");
    }

    public void Apply(InformationRequested e, IncidentView view)
    {
        view.StatusBeforeWaiting = view.Status;
        view.Status = IncidentStatus.AwaitingCitizen;
        view.Took(IncidentSteps.InformationRequested, e.At, e.By, e.Sla, message: e.Question);
    }

    public void Apply(InformationProvided e, IncidentView view)
    {
        view.Status = view.StatusBeforeWaiting == IncidentStatus.New ? IncidentStatus.InProgress : view.StatusBeforeWaiting;
        view.Took(IncidentSteps.InformationProvided, e.At, null, e.Sla, note: e.Information);
    }

    public void Apply(IncidentAnswered e, IncidentView view)
    {
        view.Status = IncidentStatus.Answered;
        view.Took(IncidentSteps.Answered, e.At, e.By, e.Sla, message: e.Answer);
    }

    public void Apply(IncidentEscalated e, IncidentView view)
    {
        view.Status = IncidentStatus.Escalated;
        view.Team = e.Team;
        view.Agent = null;
        view.Took(IncidentSteps.Escalated, e.At, e.By, note: e.Note);
    }

    public void Apply(IncidentResolved e, IncidentView view)
    {
        view.Status = IncidentStatus.Resolved;
        view.ResolvedAt = e.At;
        view.Took(IncidentSteps.Resolved, e.At, e.By, e.Sla, message: e.Resolution);
    }

    public void Apply(IncidentReopened e, IncidentView view)
    {
        view.Status = IncidentStatus.InProgress;
        view.ResolvedAt = null;
        view.Took(IncidentSteps.Reopened, e.At, null, e.Sla, note: e.Reason);
    }

    public void Apply(IncidentClosed e, IncidentView view)
    {
        view.Status = IncidentStatus.Closed;
        view.Took(IncidentSteps.Closed, e.At, e.By, view.Sla);
    }

    public void Apply(IncidentRated e, IncidentView view)
    {
        view.Rating = e.Rating;
        view.RatingComment = e.Comment;
        view.Took(IncidentSteps.Rated, e.At, null, note: e.Comment);
    }

    public void Apply(IncidentFollowed e, IncidentView view)
    {
        view.Followers.Add(e.Follower);
        // Staff-only: who follows is not for the code's holder to see.
        var updated = view.UpdatedAt;
        view.Took(IncidentSteps.Followed, e.At, null, note: e.MergedFromCode is null ? null : $"merged from {e.MergedFromCode}");
        view.UpdatedAt = updated;
    }

    public void Apply(IncidentMerged e, IncidentView view)
    {
        view.Status = IncidentStatus.Closed;
        view.MergedInto = e.IntoCode;
        view.Took(IncidentSteps.Merged, e.At, e.By, view.Sla, message: e.IntoCode);
    }

    public void Apply(AttachmentAdded e, IncidentView view) =>
        view.Attachments.Add(new IncidentView.AttachedFile(e.Attachment.Sha256, e.Attachment.ContentType, e.Attachment.Size, e.AddedBy, e.At));

    public void Apply(SlaBreached e, IncidentView view)
    {
        // A staff fact: not a step the citizen sees, and UpdatedAt stays the last step's.
        var updated = view.UpdatedAt;
        view.Took(IncidentSteps.SlaBreached, e.At, null, e.Sla, note: e.Clock);
        view.UpdatedAt = updated;
    }
}

/// <summary>The names of the workflow's steps, as they appear on the wire and in the integration events.</summary>
public static class IncidentSteps
{
    public const string Reported = "reported";
    public const string Triaged = "triaged";
    public const string Assigned = "assigned";
    public const string InformationRequested = "information-requested";
    public const string InformationProvided = "information-provided";
    public const string Answered = "answered";
    public const string Escalated = "escalated";
    public const string Resolved = "resolved";
    public const string Reopened = "reopened";
    public const string Closed = "closed";
    public const string Rated = "rated";

    /// <summary>A duplicate merged into another incident (its reporter now follows that one).</summary>
    public const string Merged = "merged";

    /// <summary>Staff-only: a citizen follows the incident.</summary>
    public const string Followed = "followed";

    /// <summary>As a follower reads it in their history: the incident they follow was resolved.</summary>
    public const string FollowedResolved = "followed-resolved";

    /// <summary>Staff-only: never shown to the code's holder.</summary>
    public const string SlaBreached = "sla-breached";
}
