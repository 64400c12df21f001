using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Workflow.Assigning;

public sealed record AssignIncidentRequest(string? Team, string? Agent);

public sealed class AssignIncidentRequestValidator : AbstractValidator<AssignIncidentRequest>
{
    public AssignIncidentRequestValidator()
    {
        RuleFor(r => r.Team).NotEmpty().Matches("^[a-z0-9]+(-[a-z0-9]+)*$").MaximumLength(60)
            .WithMessage("A team is a short lower-case slug, e.g. 'e-office'.");
        RuleFor(r => r.Agent).MaximumLength(100);
    }
}

public sealed record AssignIncident(string Team, string? Agent, DateTimeOffset At, string By);

public static class AssignIncidentDecision
{
    public static IReadOnlyList<object> Decide(AssignIncident command, Incident state)
    {
        Guard.Open(state, "assigned");
        if (state.Team == command.Team && state.Agent == command.Agent)
            throw Rejection.Conflict("The incident is already assigned to that team and agent.");
        return [new IncidentAssigned(state.Ref, command.Team, command.Agent, command.At, command.By)];
    }
}

/// <summary>POST /api/incidents/{incidentId}/assignment (staff): to a team, and to one of its agents when named.</summary>
public static class AssignIncidentEndpoint
{
    public static Task<IResult> Handle(Guid incidentId, AssignIncidentRequest request, IDocumentSession session, SlaRulebook rulebook,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var agent = string.IsNullOrWhiteSpace(request.Agent) ? null : request.Agent.Trim();
        var command = new AssignIncident(request.Team!, agent, clock.GetUtcNow(), http.User.Subject());
        return IncidentChange.ByIdAsync(incidentId, session, rulebook, http, (state, _) => AssignIncidentDecision.Decide(command, state), ct);
    }
}
