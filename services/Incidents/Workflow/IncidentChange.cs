using Marten;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Incidents.LookingUp;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Workflow;

/// <summary>What every workflow step's decision starts with.</summary>
public static class Guard
{
    /// <summary>The incident exists and is neither resolved nor closed; else a 404 or a 409 saying why <paramref name="what"/> cannot be done.</summary>
    public static void Open(Incident state, string what)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such incident.");
        if (state.Status == IncidentStatus.Closed) throw Rejection.Conflict($"The incident is closed: it cannot be {what}.");
        if (state.Status == IncidentStatus.Resolved) throw Rejection.Conflict($"The incident is resolved: it cannot be {what} unless it is reopened.");
    }

    /// <summary>Refuses while the council waits for the citizen.</summary>
    public static void NotWaiting(Incident state, string what)
    {
        if (state.Status == IncidentStatus.AwaitingCitizen)
            throw Rejection.Conflict($"The incident is waiting for the citizen's information: it cannot be {what} until they give it (or resolve it).");
    }
}

/// <summary>The reply of every workflow step.</summary>
public sealed record StepReply(Guid IncidentId, string Code, IncidentStatus Status, long Version);

/// <summary>Runs one workflow step: load the stream, decide on the channel's calendar, append at the version read.</summary>
public static class IncidentChange
{
    /// <summary>A staff step on an incident by id, guarded by If-Match when sent.</summary>
    public static async Task<IResult> ByIdAsync(Guid incidentId, IDocumentSession session, SlaRulebook rulebook, HttpContext http,
        Func<Incident, BusinessCalendar, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        var result = await session.DecideAndAppendAsync(Incident.StreamKey(incidentId), Incident.Initial, Incident.Evolve,
            state => state.Exists ? decide(state, rulebook.Calendar(state.Calendar)) : throw Rejection.NotFound("There is no such incident."),
            ct, Versioning.ExpectedVersion(http.Request));
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Ok(new StepReply(incidentId, result.State.Ref.Code, result.State.Status, result.Version));
    }

    /// <summary>A citizen's step, by the personal code (anyone holding it acts for the reporter). A typo is a 400.</summary>
    public static async Task<IResult> ByCodeAsync(string code, IDocumentSession session, SlaRulebook rulebook,
        Func<Incident, BusinessCalendar, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        var canonical = PersonalCode.Incident.Require(code);
        var view = await session.Query<IncidentView>().Where(i => i.Code == canonical).FirstOrDefaultAsync(ct)
            ?? throw Rejection.NotFound("No incident has this code.");
        var result = await session.DecideAndAppendAsync(Incident.StreamKey(view.IncidentId), Incident.Initial, Incident.Evolve,
            state => decide(state, rulebook.Calendar(state.Calendar)), ct);
        return TypedResults.Ok(new StepReply(view.IncidentId, canonical, result.State.Status, result.Version));
    }
}
