using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Incidents.LookingUp;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Workflow;

namespace Omnichannel.Incidents.Merging;

public sealed record MergeIncidentRequest(string? DuplicateCode);

public sealed class MergeIncidentRequestValidator : AbstractValidator<MergeIncidentRequest>
{
    public MergeIncidentRequestValidator()
    {
        RuleFor(r => r.DuplicateCode).NotEmpty().WithMessage("Say which incident (by its code) is the duplicate to merge into this one.");
    }
}

public sealed record MergeIncident(DateTimeOffset At, string By);

/// <summary>The two streams' events of a merge, written together.</summary>
public sealed record MergeDecision(IReadOnlyList<object> Kept, IReadOnlyList<object> Duplicate);

public static class MergeIncidentDecision
{
    /// <summary>The duplicate ends (merged, never resolved on its own) and its reporter and followers follow the kept
    /// one, so they hear of its outcome. Both must be open: a resolved one has already told its people.</summary>
    public static MergeDecision Decide(MergeIncident command, Incident kept, Incident duplicate)
    {
        Guard.Open(kept, "merged into");
        if (!duplicate.Exists) throw Rejection.NotFound("There is no such duplicate incident.");
        if (duplicate.Ref.IncidentId == kept.Ref.IncidentId) throw Rejection.Conflict("An incident cannot be merged into itself.");
        if (!duplicate.IsOpen) throw Rejection.Conflict($"The duplicate {duplicate.Ref.Code} is already resolved or closed: it cannot be merged.");
        var people = new List<Guid>();
        if (duplicate.Ref.CitizenId is { } reporter) people.Add(reporter);
        people.AddRange(duplicate.FollowedBy);
        var newFollowers = people.Distinct().Where(p => p != kept.Ref.CitizenId && !kept.FollowedBy.Contains(p));
        return new MergeDecision(
            [.. newFollowers.Select(p => new IncidentFollowed(kept.Ref, p, duplicate.Ref.Channel, command.At, duplicate.Ref.Code))],
            [new IncidentMerged(duplicate.Ref, kept.Ref.IncidentId, kept.Ref.Code, command.At, command.By)]);
    }
}

/// <summary>POST /api/incidents/{incidentId}/merge (staff; If-Match on the kept one): merges a duplicate into this incident.</summary>
public static class MergeIncidentEndpoint
{
    public static async Task<IResult> Handle(Guid incidentId, MergeIncidentRequest request, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var duplicateView = await LookUpIncidentEndpoints.FindByCodeAsync(session, request.DuplicateCode!, ct, "duplicateCode")
            ?? throw Rejection.NotFound("No incident has the duplicate's code.");
        var keptKey = Incident.StreamKey(incidentId);
        var duplicateKey = Incident.StreamKey(duplicateView.IncidentId);
        var (kept, keptVersion) = await session.LoadAsync(keptKey, Incident.Initial, Incident.Evolve, ct);
        if (!kept.Exists) throw Rejection.NotFound("There is no such incident.");
        if (Versioning.ExpectedVersion(http.Request) is { } expected && expected != keptVersion) throw new PreconditionFailed(expected, keptVersion);
        var (duplicate, duplicateVersion) = await session.LoadAsync(duplicateKey, Incident.Initial, Incident.Evolve, ct);

        var decision = MergeIncidentDecision.Decide(new MergeIncident(clock.GetUtcNow(), http.User.Subject()), kept, duplicate);
        // One save: both streams move together, or neither does (a concurrent writer on either fails it).
        if (decision.Kept.Count > 0) session.Events.Append(keptKey, keptVersion + decision.Kept.Count, decision.Kept);
        session.Events.Append(duplicateKey, duplicateVersion + decision.Duplicate.Count, decision.Duplicate);
        await session.SaveChangesAsync(ct);

        var version = keptVersion + decision.Kept.Count;
        http.Response.Headers.ETag = Versioning.ETag(version);
        return TypedResults.Ok(new StepReply(incidentId, kept.Ref.Code, kept.Status, version));
    }
}
