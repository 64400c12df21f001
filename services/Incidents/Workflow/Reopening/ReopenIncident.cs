using Omnichannel.Contracts;
using System.Globalization;
using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Workflow.Reopening;

public sealed record ReopenIncidentRequest(string? Reason, string? Channel);

public sealed class ReopenIncidentRequestValidator : AbstractValidator<ReopenIncidentRequest>
{
    public ReopenIncidentRequestValidator()
    {
        RuleFor(r => r.Reason).Must(a => !string.IsNullOrWhiteSpace(a)).WithMessage("Say why it is not resolved.");
        RuleFor(r => r.Reason).MaximumLength(2000);
        RuleFor(r => r.Channel).NotEmpty().Must(c => c is null || Channels.IsKnown(c))
            .WithMessage(Channels.UnknownMessage);
    }
}

public sealed record ReopenIncident(string Reason, string Channel, DateTimeOffset At, TimeSpan ReopenWithin);

public static class ReopenIncidentDecision
{
    /// <summary>A resolved incident may be reopened within the council's period after its resolution; the resolution
    /// clock counts again from where it stopped (the first answer stays given).</summary>
    public static IReadOnlyList<object> Decide(ReopenIncident command, Incident state, BusinessCalendar calendar)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such incident.");
        if (state.Status == IncidentStatus.Closed) throw Rejection.Conflict("The incident is closed: it cannot be reopened. Report a new one.");
        if (state.Status != IncidentStatus.Resolved) throw Rejection.Conflict("The incident is not resolved: there is nothing to reopen.");
        if (command.At > state.ResolvedAt!.Value + command.ReopenWithin)
            throw Rejection.Conflict(
                $"The reopening period has passed: an incident can be reopened within {command.ReopenWithin.TotalDays.ToString("0.##", CultureInfo.InvariantCulture)} days of its resolution. Report a new one.");
        var sla = state.Sla with { Resolution = state.Sla.Resolution?.Unmeet(command.At, calendar) };
        return [new IncidentReopened(state.Ref, command.Reason, command.Channel, sla, command.At)];
    }
}

/// <summary>POST /api/incidents/by-code/{code}/reopening (any client, for the citizen holding the code).</summary>
public static class ReopenIncidentEndpoint
{
    public static Task<IResult> Handle(string code, ReopenIncidentRequest request, IDocumentSession session, SlaRulebook rulebook,
        TimeProvider clock, CancellationToken ct)
    {
        var command = new ReopenIncident(request.Reason!.Trim(), request.Channel!, clock.GetUtcNow(), rulebook.Options.ReopenWithin);
        return IncidentChange.ByCodeAsync(code, session, rulebook, (state, calendar) => ReopenIncidentDecision.Decide(command, state, calendar), ct);
    }
}
