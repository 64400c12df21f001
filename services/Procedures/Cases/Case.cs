using System.Collections.Immutable;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Procedures.Cases;

public enum CaseStatus
{
    /// <summary>Received; nobody has looked at it yet.</summary>
    Submitted,
    /// <summary>A member of staff is working on it.</summary>
    InReview,
    /// <summary>Waiting for the citizen: a document, a correction, a signature.</summary>
    AwaitingCitizen,
    Resolved,
    Rejected,
}

public sealed record CaseSubmitted(Guid CaseId, [NotPersonal] string TrackingCode, [NotPersonal] string ProcedureCode, Guid? CitizenId, [NotPersonal] string Channel, [Personal] string? Summary, DateTimeOffset At);

/// <summary>Carries the case's code, procedure and citizen so the change can be published without reading the stream.</summary>
public sealed record CaseStatusChanged(Guid CaseId, [NotPersonal] string TrackingCode, [NotPersonal] string ProcedureCode, Guid? CitizenId, CaseStatus Status, [Personal] string? Note, DateTimeOffset At, [NotPersonal] string By);

public sealed record Case(Guid CaseId, string TrackingCode, string ProcedureCode, Guid? CitizenId, CaseStatus Status, bool Exists)
{
    public static readonly Case Initial = new(Guid.Empty, "", "", null, CaseStatus.Submitted, false);

    public static string StreamKey(Guid caseId) => $"case:{caseId:N}";

    public static Case Evolve(Case state, object @event) => @event switch
    {
        CaseSubmitted e => new(e.CaseId, e.TrackingCode, e.ProcedureCode, e.CitizenId, CaseStatus.Submitted, true),
        CaseStatusChanged e => state with { Status = e.Status },
        NotificationIssued e => state with { Notifications = state.Notifications.SetItem(e.NotificationId, false) },
        NotificationAccessed e => state with { Notifications = state.Notifications.SetItem(e.NotificationId, true) },
        _ => state,
    };

    /// <summary>The notifications put at the citizen's disposal on this case, and whether each has been accessed (the
    /// first access is the legal delivery; nothing after it changes that).</summary>
    public ImmutableDictionary<Guid, bool> Notifications { get; init; } = ImmutableDictionary<Guid, bool>.Empty;

    public bool IsClosed => Status is CaseStatus.Resolved or CaseStatus.Rejected;
}
