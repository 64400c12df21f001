using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Contracts.Grpc.Citizens.V1;

namespace Omnichannel.Kiosks.Sessions.Identifying;

/// <summary><c>nationalId</c>: the DNI or NIE the ID-card reader gave, or the citizen typed (spaces, hyphens and case
/// forgiven); the citizens service says whose it is. It is never kept here: only the citizen id is.</summary>
public sealed record IdentifyRequest(Identification? Identification, string? NationalId);

public sealed class IdentifyRequestValidator : AbstractValidator<IdentifyRequest>
{
    public IdentifyRequestValidator()
    {
        RuleFor(r => r.Identification).NotNull().IsInEnum().NotEqual(Identification.Anonymous).WithMessage("Say how the citizen was identified: id-card, id-cat-mobil or nfc.");
        RuleFor(r => r.NationalId).NotEmpty().MaximumLength(20);
    }
}

/// <summary>Who the session is for now: a citizen of the directory (their id only; nothing else about them).</summary>
public sealed record IdentifiedSession(Guid SessionId, Identification Identification, bool Identified);

public static class IdentifyCitizenEndpoint
{
    public static async Task<IResult> Handle(string kioskId, Guid sessionId, IdentifyRequest request, IDocumentSession session, IServiceProvider services,
        TimeProvider clock, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await DirectoryStep.RunAsync(http, session, services, clock, sessionId, request.Identification!.Value,
            state => SessionDecisions.Open(state, sessionId),
            async (directory, _) => (await directory.FindByIdentityAsync(new FindByIdentityRequest { Kind = "national-id", Value = request.NationalId! },
                cancellationToken: ct)).CitizenId,
            e => e.Kind switch
            {
                // The directory names its own field ("value"); the kiosk sent nationalId.
                RejectionKind.Invalid => Rejection.Invalid("nationalId", e.Message),
                RejectionKind.NotFound => Rejection.NotFound(NobodyHasIt),
                _ => null,
            }, ct));

    public const string NobodyHasIt = "No citizen of the council has this DNI or NIE on record: staff at the desk can register them.";

    /// <summary>The session is the citizen's from now on (identified by their DNI, or just registered with it).</summary>
    public static async Task<IdentifiedSession> RecordAsync(IDocumentSession session, IdentifyCitizen command, CancellationToken ct)
    {
        await session.DecideAndAppendAsync(SessionsState.StreamKey(command.KioskId), SessionsState.Initial, SessionsState.Evolve, s => SessionDecisions.Decide(command, s), ct);
        return new IdentifiedSession(command.SessionId, command.Identification, true);
    }
}
