using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Incidents.Categories;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Workflow.Triaging;

public sealed record TriageIncidentRequest(string? Category, string? Kind, string? Priority);

public sealed class TriageIncidentRequestValidator : AbstractValidator<TriageIncidentRequest>
{
    public TriageIncidentRequestValidator()
    {
        RuleFor(r => r.Category).NotEmpty().Matches("^[a-z0-9]+(-[a-z0-9]+)*$").MaximumLength(60)
            .WithMessage("A category is a code of the council's catalogue (GET /api/incidents/categories), e.g. 'streetlight'.");
        RuleFor(r => r.Kind).NotEmpty().Must(k => k is null || IncidentKinds.All.Contains(k))
            .WithMessage($"Unknown kind; use one of: {string.Join(", ", IncidentKinds.All)}.");
        RuleFor(r => r.Priority).NotEmpty().Must(p => p is null || IncidentPriorities.All.Contains(p))
            .WithMessage($"Unknown priority; use one of: {string.Join(", ", IncidentPriorities.All)}.");
    }
}

public sealed record TriageIncident(string Category, string Kind, string Priority, DateTimeOffset At, string By);

public static class TriageIncidentDecision
{
    /// <summary>Sets category, kind and priority. A new kind brings its own targets (<paramref name="rules"/>): the time
    /// already spent counts against them; a resolution clock the old kind did not have counts from the report.</summary>
    public static IReadOnlyList<object> Decide(TriageIncident command, Incident state, SlaRules rules, BusinessCalendar calendar)
    {
        Guard.Open(state, "triaged");
        var sla = state.Sla;
        if (command.Kind != state.Kind)
        {
            var firstAnswer = sla.FirstAnswer?.MetAt is null ? sla.FirstAnswer?.Retarget(rules.FirstAnswer, calendar) : sla.FirstAnswer;
            var resolution = rules.Resolution is not { } target ? null
                : sla.Resolution?.Retarget(target, calendar)
                  ?? (state.Status == IncidentStatus.AwaitingCitizen
                      ? SlaClock.Start(target, state.ReportedAt, calendar).Pause(command.At, calendar)
                      : SlaClock.Start(target, state.ReportedAt, calendar));
            sla = new IncidentSla(firstAnswer, resolution);
        }
        return [new IncidentTriaged(state.Ref, command.Category, command.Kind, command.Priority, sla, command.At, command.By)];
    }
}

/// <summary>POST /api/incidents/{incidentId}/triage (staff).</summary>
public static class TriageIncidentEndpoint
{
    public static Task<IResult> Handle(Guid incidentId, TriageIncidentRequest request, IDocumentSession session, SlaRulebook rulebook,
        CategoryCatalogue categories, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        // The council's catalogue, not a free slug: the indicators and the nearby match count by category.
        if (categories.Find(RequestContext.TenantId ?? session.TenantId, request.Category!) is null)
            throw Rejection.Invalid("category", categories.UnknownMessage(RequestContext.TenantId ?? session.TenantId));
        var command = new TriageIncident(request.Category!, request.Kind!, request.Priority!, clock.GetUtcNow(), http.User.Subject());
        var rules = rulebook.For(RequestContext.TenantId ?? session.TenantId, command.Kind);
        return IncidentChange.ByIdAsync(incidentId, session, rulebook, http, (state, calendar) => TriageIncidentDecision.Decide(command, state, rules, calendar), ct);
    }
}
