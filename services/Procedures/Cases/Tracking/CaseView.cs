using Marten.Events.Aggregation;

namespace Omnichannel.Procedures.Cases.Tracking;

/// <summary>A case as the citizen (by tracking code) and staff see it, with its status history.</summary>
public sealed class CaseView
{
    public string Id { get; set; } = "";
    public Guid CaseId { get; set; }
    public string TrackingCode { get; set; } = "";
    public string ProcedureCode { get; set; } = "";
    public Guid? CitizenId { get; set; }
    public string Channel { get; set; } = "";
    public string? Summary { get; set; }
    public CaseStatus Status { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
    public List<StatusStep> History { get; set; } = [];
    public List<NotificationEntry> Notifications { get; set; } = [];

    public sealed record StatusStep(CaseStatus Status, DateTimeOffset At, string? Note);

    /// <summary>A notification on the case: its text, when it was issued and by whom, and its first access (the delivery)
    /// with the channel; null until the citizen has accessed it.</summary>
    public sealed record NotificationEntry(Guid NotificationId, string Title, string Body, string Language, DateTimeOffset IssuedAt, string IssuedBy,
        DateTimeOffset? AccessedAt, string? AccessChannel);
}

public sealed partial class CaseViewProjection : SingleStreamProjection<CaseView, string>
{
    public CaseView Create(CaseSubmitted e) => new()
    {
        CaseId = e.CaseId,
        TrackingCode = e.TrackingCode,
        ProcedureCode = e.ProcedureCode,
        CitizenId = e.CitizenId,
        Channel = e.Channel,
        Summary = e.Summary,
        Status = CaseStatus.Submitted,
        SubmittedAt = e.At,
        UpdatedAt = e.At,
        History = [new CaseView.StatusStep(CaseStatus.Submitted, e.At, null)],
    };

    public CaseView Apply(CaseStatusChanged e, CaseView view)
    {
        view.Status = e.Status;
        view.UpdatedAt = e.At;
        view.History.Add(new CaseView.StatusStep(e.Status, e.At, e.Note));
        return view;
    }

    public CaseView Apply(NotificationIssued e, CaseView view)
    {
        view.Notifications.Add(new CaseView.NotificationEntry(e.NotificationId, e.Title, e.Body, e.Language, e.At, e.By, null, null));
        return view;
    }

    /// <summary>Only the first access counts (the decision records no other), so a later one never moves the date.</summary>
    public CaseView Apply(NotificationAccessed e, CaseView view)
    {
        var i = view.Notifications.FindIndex(n => n.NotificationId == e.NotificationId);
        if (i >= 0 && view.Notifications[i].AccessedAt is null) view.Notifications[i] = view.Notifications[i] with { AccessedAt = e.At, AccessChannel = e.Channel };
        return view;
    }
}
