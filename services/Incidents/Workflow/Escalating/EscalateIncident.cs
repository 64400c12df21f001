using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Workflow.Escalating;

public sealed record EscalateIncidentRequest(string? Team, string? Note);

public sealed class EscalateIncidentRequestValidator : AbstractValidator<EscalateIncidentRequest>
{
    public EscalateIncidentRequestValidator()
    {
        RuleFor(r => r.Team).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").MaximumLength(60).When(r => r.Team is not null)
            .WithMessage("A team is a short lower-case slug, e.g. 'back-office'.");
        RuleFor(r => r.Note).MaximumLength(1000);
    }
}

public sealed record EscalateIncident(string Team, string? Note, DateTimeOffset At, string By);

public static class EscalateIncidentDecision
{
    public const string BackOffice = "back-office";

    public static IReadOnlyList<object> Decide(EscalateIncident command, Incident state)
    {
        Guard.Open(state, "escalated");
        Guard.NotWaiting(state, "escalated");
        if (state.Status == IncidentStatus.Escalated) throw Rejection.Conflict("The incident is already with the back office.");
        return [new IncidentEscalated(state.Ref, command.Team, command.Note, command.At, command.By)];
    }
}

/// <summary>POST /api/incidents/{incidentId}/escalation (staff): to the back office (its team when named).</summary>
public static class EscalateIncidentEndpoint
{
    public static Task<IResult> Handle(Guid incidentId, EscalateIncidentRequest request, IDocumentSession session, SlaRulebook rulebook,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var command = new EscalateIncident(request.Team ?? EscalateIncidentDecision.BackOffice, note, clock.GetUtcNow(), http.User.Subject());
        return IncidentChange.ByIdAsync(incidentId, session, rulebook, http, (state, _) => EscalateIncidentDecision.Decide(command, state), ct);
    }
}
