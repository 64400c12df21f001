using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Kiosks.Access;

namespace Omnichannel.Kiosks.Sessions.RecordingActions;

/// <summary><c>reference</c>: the code of what was done (procedure code, ticket number, appointment or tracking code),
/// never anything the citizen typed.</summary>
public sealed record RecordActionRequest(SessionAction? Action, string? Reference);

public sealed class RecordActionRequestValidator : AbstractValidator<RecordActionRequest>
{
    public RecordActionRequestValidator()
    {
        RuleFor(r => r.Action).NotNull().IsInEnum();
        RuleFor(r => r.Reference).MaximumLength(60).Matches("^[A-Za-z0-9._-]*$").WithMessage("A code: letters, digits, '.', '_' or '-'.");
    }
}

public static class RecordActionEndpoint
{
    public static async Task<IResult> Handle(string kioskId, Guid sessionId, RecordActionRequest request, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var own = KioskIdentity.Of(http.User)!;
        var command = new RecordAction(own.KioskId, sessionId, request.Action!.Value, request.Reference, clock.GetUtcNow());
        await session.DecideAndAppendAsync(SessionsState.StreamKey(own.KioskId), SessionsState.Initial, SessionsState.Evolve,
            state => SessionDecisions.Decide(command, state), ct);
        return TypedResults.NoContent();
    }
}
