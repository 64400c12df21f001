using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Kiosks.Access;

namespace Omnichannel.Kiosks.Sessions.Starting;

/// <summary><c>citizenId</c>: the citizen the kiosk app identified (ID card, idCat Mòbil or NFC result resolved to the
/// platform's citizen id); none when anonymous.</summary>
public sealed record StartSessionRequest(Identification? Identification, Guid? CitizenId);

public sealed class StartSessionRequestValidator : AbstractValidator<StartSessionRequest>
{
    public StartSessionRequestValidator()
    {
        RuleFor(r => r.Identification).NotNull().IsInEnum();
        RuleFor(r => r.CitizenId).NotEqual(Guid.Empty);
    }
}

public sealed record StartedSession(Guid SessionId);

public static class StartSessionEndpoint
{
    public static async Task<IResult> Handle(string kioskId, StartSessionRequest request, IDocumentSession session, TimeProvider clock,
        IServiceProvider services, HttpContext http, CancellationToken ct)
    {
        var own = KioskIdentity.Of(http.User)!;
        // Where the citizens service is a neighbour (the platform), an unknown citizen is a 400 naming citizenId.
        if (request.CitizenId is { } citizen && services.GetService<CitizenDirectoryCheck>() is { } directory)
            await directory.EnsureExistsAsync(citizen, ct);
        var command = new StartSession(own.KioskId, own.OfficeId, Guid.NewGuid(), request.Identification!.Value, request.CitizenId, clock.GetUtcNow());
        await session.DecideAndAppendAsync(SessionsState.StreamKey(own.KioskId), SessionsState.Initial, SessionsState.Evolve,
            state => SessionDecisions.Decide(command, state), ct);
        return TypedResults.Created($"/api/kiosks/{own.KioskId}/sessions/{command.SessionId}", new StartedSession(command.SessionId));
    }
}
