using FluentValidation;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Procedures.Catalogue.Browsing;
using Marten;
using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Procedures.Catalogue;

namespace Omnichannel.Procedures.Cases.Submitting;

public sealed record SubmitCaseRequest(string? ProcedureCode, Guid? CitizenId, string? Channel, string? Summary);

public sealed class SubmitCaseRequestValidator : AbstractValidator<SubmitCaseRequest>
{
    public SubmitCaseRequestValidator()
    {
        RuleFor(r => r.ProcedureCode).NotEmpty();
        RuleFor(r => r.Channel).NotEmpty()
            .Must(c => c is null || Channels.IsKnown(c))
            .WithMessage(Channels.UnknownMessage);
        RuleFor(r => r.CitizenId).Must(id => id != Guid.Empty).When(r => r.CitizenId is not null).WithMessage("Not a citizen id.");
        RuleFor(r => r.Summary).MaximumLength(2000);
    }
}

public sealed record SubmitCase(Guid CaseId, string TrackingCode, string ProcedureCode, Guid? CitizenId, string Channel, string? Summary, DateTimeOffset At);

public static class SubmitCaseDecision
{
    /// <summary>A case is opened for a published procedure, through a channel that procedure is offered on: the catalogue
    /// lists them from the one channel list, so a chat-only procedure refuses Telegram until the catalogue says Telegram.</summary>
    public static IReadOnlyList<object> Decide(SubmitCase command, Case state, ProcedureView? procedure)
    {
        if (state.Exists) throw Rejection.Conflict("This case was already submitted.");
        if (procedure is null) throw Rejection.NotFound($"There is no procedure '{command.ProcedureCode}'.");
        if (procedure.Withdrawn) throw Rejection.Conflict($"Procedure '{command.ProcedureCode}' has been withdrawn and no longer accepts cases.");
        if (!procedure.Channels.Contains(command.Channel))
            throw Rejection.Invalid("channel",
                $"'{command.ProcedureCode}' cannot be done through {command.Channel}; it can through: {string.Join(", ", procedure.Channels)}.");
        return [new CaseSubmitted(command.CaseId, command.TrackingCode, command.ProcedureCode, command.CitizenId, command.Channel, command.Summary, command.At)];
    }
}

/// <summary>POST /api/procedures/cases: the case is saved with a new personal tracking code.</summary>
public static class SubmitCaseEndpoint
{
    public static async Task<IResult> Handle(SubmitCaseRequest request, IDocumentSession session, CitizenDirectoryCheck citizens, TimeProvider clock, CancellationToken ct)
    {
        // A case for a citizen the council does not know would never reach anyone's history.
        if (request.CitizenId is { } citizenId) await citizens.EnsureExistsAsync(citizenId, ct);
        var procedure = await session.LoadAsync<ProcedureView>(Procedure.StreamKey(request.ProcedureCode!), ct);
        var command = new SubmitCase(Guid.NewGuid(), TrackingCode.New(), request.ProcedureCode!, request.CitizenId,
            request.Channel!, request.Summary?.Trim(), clock.GetUtcNow());
        var result = await session.DecideAndAppendAsync(Case.StreamKey(command.CaseId), Case.Initial, Case.Evolve,
            state => SubmitCaseDecision.Decide(command, state, procedure), ct);
        return TypedResults.Created($"/api/procedures/cases/by-code/{command.TrackingCode}",
            new SubmittedCase(command.CaseId, command.TrackingCode, result.State.Status, result.Version));
    }
}

/// <summary>What submitting a case answers: its id, the personal tracking code to give the citizen, status and version.</summary>
public sealed record SubmittedCase(Guid CaseId, string TrackingCode, CaseStatus Status, long Version);
