using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Workflow.RequestingInformation;

public sealed record RequestInformationRequest(string? Question);

public sealed class RequestInformationRequestValidator : AbstractValidator<RequestInformationRequest>
{
    public RequestInformationRequestValidator()
    {
        RuleFor(r => r.Question).Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage("Say what the citizen must tell or send.");
        RuleFor(r => r.Question).MaximumLength(2000);
    }
}

public sealed record RequestInformation(string Question, DateTimeOffset At, string By);

public static class RequestInformationDecision
{
    /// <summary>Asks the citizen; the clocks stop counting until they answer (time waiting for the citizen is not the
    /// council's).</summary>
    public static IReadOnlyList<object> Decide(RequestInformation command, Incident state, BusinessCalendar calendar)
    {
        Guard.Open(state, "asked about");
        if (state.Status == IncidentStatus.AwaitingCitizen)
            throw Omnichannel.BuildingBlocks.Domain.Rejection.Conflict("The incident is already waiting for the citizen's information.");
        return [new InformationRequested(state.Ref, command.Question, state.Sla.Pause(command.At, calendar), command.At, command.By)];
    }
}

/// <summary>POST /api/incidents/{incidentId}/information-request (staff).</summary>
public static class RequestInformationEndpoint
{
    public static Task<IResult> Handle(Guid incidentId, RequestInformationRequest request, IDocumentSession session, SlaRulebook rulebook,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new RequestInformation(request.Question!.Trim(), clock.GetUtcNow(), http.User.Subject());
        return IncidentChange.ByIdAsync(incidentId, session, rulebook, http, (state, calendar) => RequestInformationDecision.Decide(command, state, calendar), ct);
    }
}
