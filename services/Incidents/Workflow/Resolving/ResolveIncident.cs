using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Workflow.Resolving;

public sealed record ResolveIncidentRequest(string? Resolution);

public sealed class ResolveIncidentRequestValidator : AbstractValidator<ResolveIncidentRequest>
{
    public ResolveIncidentRequestValidator()
    {
        RuleFor(r => r.Resolution).Must(a => !string.IsNullOrWhiteSpace(a)).WithMessage("Tell the citizen how it was resolved.");
        RuleFor(r => r.Resolution).MaximumLength(4000);
    }
}

public sealed record ResolveIncident(string Resolution, DateTimeOffset At, string By);

public static class ResolveIncidentDecision
{
    /// <summary>Resolved, also while waiting for a citizen who never answered. The resolution reaches the citizen, so it
    /// meets the first-answer clock too when nothing was answered before. Each follower is told the outcome.</summary>
    public static IReadOnlyList<object> Decide(ResolveIncident command, Incident state, BusinessCalendar calendar)
    {
        Guard.Open(state, "resolved again");
        var sla = new IncidentSla(state.Sla.FirstAnswer?.Meet(command.At, calendar), state.Sla.Resolution?.Meet(command.At, calendar));
        // Those who follow it (same problem reported nearby, or merged into it) hear of the outcome too.
        return [new IncidentResolved(state.Ref, command.Resolution, sla, command.At, command.By),
            .. state.FollowedBy.Select(f => new OutcomeToldToFollower(state.Ref, f, command.Resolution, command.At))];
    }
}

/// <summary>POST /api/incidents/{incidentId}/resolution (staff).</summary>
public static class ResolveIncidentEndpoint
{
    public static Task<IResult> Handle(Guid incidentId, ResolveIncidentRequest request, IDocumentSession session, SlaRulebook rulebook,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new ResolveIncident(request.Resolution!.Trim(), clock.GetUtcNow(), http.User.Subject());
        return IncidentChange.ByIdAsync(incidentId, session, rulebook, http, (state, calendar) => ResolveIncidentDecision.Decide(command, state, calendar), ct);
    }
}
