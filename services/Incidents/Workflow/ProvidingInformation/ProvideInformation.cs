using Omnichannel.Contracts;
using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Workflow.ProvidingInformation;

public sealed record ProvideInformationRequest(string? Information, string? Channel);

public sealed class ProvideInformationRequestValidator : AbstractValidator<ProvideInformationRequest>
{
    public ProvideInformationRequestValidator()
    {
        RuleFor(r => r.Information).Must(i => !string.IsNullOrWhiteSpace(i)).WithMessage("Give the information asked for.");
        RuleFor(r => r.Information).MaximumLength(2000);
        RuleFor(r => r.Channel).NotEmpty().Must(c => c is null || Channels.IsKnown(c))
            .WithMessage(Channels.UnknownMessage);
    }
}

public sealed record ProvideInformation(string Information, string Channel, DateTimeOffset At);

public static class ProvideInformationDecision
{
    /// <summary>The citizen answers, on any channel; the clocks count again from now.</summary>
    public static IReadOnlyList<object> Decide(ProvideInformation command, Incident state, BusinessCalendar calendar)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such incident.");
        if (state.Status == IncidentStatus.Closed) throw Rejection.Conflict("The incident is closed: it takes no more information.");
        if (state.Status != IncidentStatus.AwaitingCitizen) throw Rejection.Conflict("No information was asked for on this incident.");
        return [new InformationProvided(state.Ref, command.Information, command.Channel, state.Sla.Resume(command.At, calendar), command.At)];
    }
}

/// <summary>POST /api/incidents/by-code/{code}/information (any client, for the citizen holding the code).</summary>
public static class ProvideInformationEndpoint
{
    public static Task<IResult> Handle(string code, ProvideInformationRequest request, IDocumentSession session, SlaRulebook rulebook,
        TimeProvider clock, CancellationToken ct)
    {
        var command = new ProvideInformation(request.Information!.Trim(), request.Channel!, clock.GetUtcNow());
        return IncidentChange.ByCodeAsync(code, session, rulebook, (state, calendar) => ProvideInformationDecision.Decide(command, state, calendar), ct);
    }
}
