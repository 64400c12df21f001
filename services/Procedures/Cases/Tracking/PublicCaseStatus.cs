using Omnichannel.Contracts;

namespace Omnichannel.Procedures.Cases.Tracking;

/// <summary>
/// A case as anyone holding its tracking code sees it: where it stands and when it moved, nothing else. Its own type,
/// not the stored <see cref="CaseView"/> with fields left out, so a field added for staff (a note, the citizen, the
/// summary) can never reach the public look-up by accident.
/// </summary>
public sealed record PublicCaseStatus(
    string TrackingCode, string ProcedureCode, LocalizedText? ProcedureName, CaseStatus Status,
    DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, IReadOnlyList<PublicCaseStatus.Step> History)
{
    /// <summary>A status the case went through and when: the staff note given with it stays with staff.</summary>
    public sealed record Step(CaseStatus Status, DateTimeOffset At);

    public static PublicCaseStatus Of(CaseView view, LocalizedText? procedureName) => new(
        view.TrackingCode, view.ProcedureCode, procedureName, view.Status, view.SubmittedAt, view.UpdatedAt,
        view.History.Select(s => new Step(s.Status, s.At)).ToList());
}
