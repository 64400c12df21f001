using Marten;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Incidents.Model;

namespace Omnichannel.Incidents.LookingUp;

/// <summary>
/// An incident as anyone holding its code sees it: its kind, where it stands and when it moved, nothing else. Its own
/// type, not the stored <see cref="IncidentView"/> with fields left out, so a field added for staff (the citizen, the
/// description, the location, the team, a note, the SLA) can never reach the public look-up by accident.
/// </summary>
public sealed record PublicIncidentStatus(string Code, string Kind, IncidentStatus Status, DateTimeOffset ReportedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<PublicIncidentStatus.Step> Steps)
{
    /// <summary>A step the incident took and when; what was said with it stays with the citizen's history and staff.</summary>
    public sealed record Step(string Name, DateTimeOffset At);

    public static PublicIncidentStatus Of(IncidentView view) => new(view.Code, view.Kind, view.Status, view.ReportedAt, view.UpdatedAt,
        view.Steps.Where(s => s.Name is not (IncidentSteps.SlaBreached or IncidentSteps.Followed)).Select(s => new Step(s.Name, s.At)).ToList());
}

/// <summary>Following an incident: by the personal code (anyone holding it), or by id (staff).</summary>
public static class LookUpIncidentEndpoints
{
    /// <summary>A typo in the code is a 400 saying so, never "no incident has this code".</summary>
    public static async Task<IResult> ByCode(string code, IQuerySession session, CancellationToken ct)
    {
        var view = await FindByCodeAsync(session, code, ct) ?? throw Rejection.NotFound("No incident has this code.");
        return TypedResults.Ok(PublicIncidentStatus.Of(view));
    }

    public static async Task<IResult> ById(Guid incidentId, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var view = await session.LoadAsync<IncidentView>(Incident.StreamKey(incidentId), ct) ?? throw Rejection.NotFound("There is no such incident.");
        response.Headers.ETag = Versioning.ETag(view.Version);
        return TypedResults.Ok(view);
    }

    /// <summary>The incident of the council in session with this code; a typo or no code at all is a 400 naming <paramref name="field"/>.</summary>
    public static async Task<IncidentView?> FindByCodeAsync(IQuerySession session, string typed, CancellationToken ct, string field = "code")
    {
        var code = PersonalCode.Incident.Require(typed, field);
        return await session.Query<IncidentView>().Where(i => i.Code == code).FirstOrDefaultAsync(ct);
    }
}
