using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Workflow.Closing;

public sealed record CloseIncident(DateTimeOffset At, string By);

public static class CloseIncidentDecision
{
    /// <summary>Only a resolved incident is closed: closing is the end of the reopening window, not a way around resolving.</summary>
    public static IReadOnlyList<object> Decide(CloseIncident command, Incident state)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such incident.");
        if (state.Status == IncidentStatus.Closed) throw Rejection.Conflict("The incident is already closed.");
        if (state.Status != IncidentStatus.Resolved) throw Rejection.Conflict("Only a resolved incident can be closed: resolve it first.");
        return [new IncidentClosed(state.Ref, command.At, command.By)];
    }
}

/// <summary>POST /api/incidents/{incidentId}/closing (staff).</summary>
public static class CloseIncidentEndpoint
{
    public static Task<IResult> Handle(Guid incidentId, IDocumentSession session, SlaRulebook rulebook, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new CloseIncident(clock.GetUtcNow(), http.User.Subject());
        return IncidentChange.ByIdAsync(incidentId, session, rulebook, http, (state, _) => CloseIncidentDecision.Decide(command, state), ct);
    }
}
