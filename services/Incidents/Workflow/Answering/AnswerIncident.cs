using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Workflow.Answering;

public sealed record AnswerIncidentRequest(string? Answer);

public sealed class AnswerIncidentRequestValidator : AbstractValidator<AnswerIncidentRequest>
{
    public AnswerIncidentRequestValidator()
    {
        RuleFor(r => r.Answer).Must(a => !string.IsNullOrWhiteSpace(a)).WithMessage("Write the answer the citizen gets.");
        RuleFor(r => r.Answer).MaximumLength(4000);
    }
}

public sealed record AnswerIncident(string Answer, DateTimeOffset At, string By);

public static class AnswerIncidentDecision
{
    /// <summary>The first answer meets the first-answer clock; later ones change nothing on it.</summary>
    public static IReadOnlyList<object> Decide(AnswerIncident command, Incident state, BusinessCalendar calendar)
    {
        Guard.Open(state, "answered");
        Guard.NotWaiting(state, "answered");
        var sla = state.Sla with { FirstAnswer = state.Sla.FirstAnswer?.Meet(command.At, calendar) };
        return [new IncidentAnswered(state.Ref, command.Answer, sla, command.At, command.By)];
    }
}

/// <summary>POST /api/incidents/{incidentId}/answer (staff).</summary>
public static class AnswerIncidentEndpoint
{
    public static Task<IResult> Handle(Guid incidentId, AnswerIncidentRequest request, IDocumentSession session, SlaRulebook rulebook,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new AnswerIncident(request.Answer!.Trim(), clock.GetUtcNow(), http.User.Subject());
        return IncidentChange.ByIdAsync(incidentId, session, rulebook, http, (state, calendar) => AnswerIncidentDecision.Decide(command, state, calendar), ct);
    }
}
