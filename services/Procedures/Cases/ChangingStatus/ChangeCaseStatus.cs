using FluentValidation;
using Omnichannel.BuildingBlocks.Domain;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Procedures.Cases.ChangingStatus;

public sealed record ChangeCaseStatusRequest(CaseStatus? Status, string? Note);

public sealed class ChangeCaseStatusRequestValidator : AbstractValidator<ChangeCaseStatusRequest>
{
    public ChangeCaseStatusRequestValidator()
    {
        RuleFor(r => r.Status).NotNull().IsInEnum();
        RuleFor(r => r.Note).MaximumLength(2000);
        RuleFor(r => r.Note).NotEmpty().When(r => r.Status is CaseStatus.Rejected or CaseStatus.AwaitingCitizen)
            .WithMessage("Tell the citizen why, or what is needed from them.");
    }
}

public sealed record ChangeCaseStatus(Guid CaseId, CaseStatus Status, string? Note, DateTimeOffset At, string By);

public static class ChangeCaseStatusDecision
{
    public static IReadOnlyList<object> Decide(ChangeCaseStatus command, Case state)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such case.");
        if (state.IsClosed) throw Rejection.Conflict($"The case is already {state.Status}; it cannot change any more.");
        if (command.Status == state.Status) throw Rejection.Conflict($"The case is already {state.Status}.");
        if (command.Status == CaseStatus.Submitted) throw Rejection.Invalid("status", "A case cannot go back to Submitted.");
        return [new CaseStatusChanged(state.CaseId, state.TrackingCode, state.ProcedureCode, state.CitizenId, command.Status, command.Note, command.At, command.By)];
    }
}

/// <summary>POST /api/procedures/cases/{caseId}/status (staff), guarded by If-Match.</summary>
public static class ChangeCaseStatusEndpoint
{
    public static async Task<IResult> Handle(Guid caseId, ChangeCaseStatusRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var command = new ChangeCaseStatus(caseId, request.Status!.Value, request.Note?.Trim(), clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(Case.StreamKey(caseId), Case.Initial, Case.Evolve,
            state => ChangeCaseStatusDecision.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Ok(new CaseStatusReply(caseId, result.State.Status, result.Version));
    }
}

/// <summary>What a status change answers: the case's status and version (its new ETag).</summary>
public sealed record CaseStatusReply(Guid CaseId, CaseStatus Status, long Version);
