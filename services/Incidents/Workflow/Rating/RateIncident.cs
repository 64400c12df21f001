using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Workflow.Rating;

public sealed record RateIncidentRequest(int? Rating, string? Comment, string? Channel);

public sealed class RateIncidentRequestValidator : AbstractValidator<RateIncidentRequest>
{
    public RateIncidentRequestValidator()
    {
        RuleFor(r => r.Rating).NotNull().InclusiveBetween(1, 5).WithMessage("Rate from 1 (very unsatisfied) to 5 (very satisfied).");
        RuleFor(r => r.Comment).MaximumLength(2000);
        RuleFor(r => r.Channel).NotEmpty().Must(c => c is null || Channels.IsKnown(c)).WithMessage(Channels.UnknownMessage);
    }
}

public sealed record RateIncident(int Rating, string? Comment, string Channel, DateTimeOffset At);

public static class RateIncidentDecision
{
    /// <summary>Once resolved (or closed after it), the citizen rates once: a second rating would count twice in the
    /// council's satisfaction average, and reopening does not give a second vote.</summary>
    public static IReadOnlyList<object> Decide(RateIncident command, Incident state)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such incident.");
        if (state.Rating is not null) throw Rejection.Conflict("The incident has already been rated: it can be rated only once.");
        if (state.Status is not (IncidentStatus.Resolved or IncidentStatus.Closed))
            throw Rejection.Conflict("The incident is not resolved yet: it can be rated once it is resolved.");
        return [new IncidentRated(state.Ref, command.Rating, command.Comment, command.Channel, command.At)];
    }
}

/// <summary>POST /api/incidents/by-code/{code}/rating (any client, for the citizen holding the code).</summary>
public static class RateIncidentEndpoint
{
    public static Task<IResult> Handle(string code, RateIncidentRequest request, IDocumentSession session, SlaRulebook rulebook,
        TimeProvider clock, CancellationToken ct)
    {
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        var command = new RateIncident(request.Rating!.Value, comment, request.Channel!, clock.GetUtcNow());
        return IncidentChange.ByCodeAsync(code, session, rulebook, (state, _) => RateIncidentDecision.Decide(command, state), ct);
    }
}
