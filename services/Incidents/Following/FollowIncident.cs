using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Incidents.Model;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Incidents.Workflow;

namespace Omnichannel.Incidents.Following;

public sealed record FollowIncidentRequest(Guid? CitizenId, string? Channel);

public sealed class FollowIncidentRequestValidator : AbstractValidator<FollowIncidentRequest>
{
    public FollowIncidentRequestValidator()
    {
        RuleFor(r => r.CitizenId).NotNull().Must(id => id != Guid.Empty).WithMessage("Say which citizen follows it (their history tells them of the outcome).");
        RuleFor(r => r.Channel).NotEmpty().Must(c => c is null || Channels.IsKnown(c)).WithMessage(Channels.UnknownMessage);
    }
}

public sealed record FollowIncident(Guid Follower, string Channel, DateTimeOffset At, string? MergedFromCode = null);

public static class FollowIncidentDecision
{
    /// <summary>An open incident gains a follower, once; its reporter already hears of it.</summary>
    public static IReadOnlyList<object> Decide(FollowIncident command, Incident state)
    {
        Guard.Open(state, "followed");
        if (state.Ref.CitizenId == command.Follower || state.FollowedBy.Contains(command.Follower))
            throw Rejection.Conflict("This citizen already follows the incident (or reported it): they will hear of its outcome.");
        return [new IncidentFollowed(state.Ref, command.Follower, command.Channel, command.At, command.MergedFromCode)];
    }
}

/// <summary>POST /api/incidents/{incidentId}/followers: the citizen follows an incident reported nearby instead of
/// reporting it again (any client, with the id the report offered). The reply tells where it stands, not its code.</summary>
public static class FollowIncidentEndpoint
{
    public sealed record FollowReply(Guid IncidentId, IncidentStatus Status);

    public static async Task<IResult> Handle(Guid incidentId, FollowIncidentRequest request, IDocumentSession session, CitizenDirectoryCheck citizens,
        TimeProvider clock, CancellationToken ct)
    {
        await citizens.EnsureExistsAsync(request.CitizenId!.Value, ct);
        var command = new FollowIncident(request.CitizenId.Value, request.Channel!, clock.GetUtcNow());
        var result = await session.DecideAndAppendAsync(Incident.StreamKey(incidentId), Incident.Initial, Incident.Evolve,
            state => FollowIncidentDecision.Decide(command, state), ct);
        return TypedResults.Ok(new FollowReply(incidentId, result.State.Status));
    }
}
