using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Kiosks.Revoking;

public sealed record RevokeKioskRequest(string? Reason);

public sealed class RevokeKioskRequestValidator : AbstractValidator<RevokeKioskRequest>
{
    public RevokeKioskRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(500);
}

public sealed record RevokeKiosk(string KioskId, string Reason, DateTimeOffset At, string By);

public static class RevokeKioskDecision
{
    /// <summary>Revoking a revoked kiosk changes nothing (a retried request is answered the same).</summary>
    public static IReadOnlyList<object> Decide(RevokeKiosk command, KioskState state)
    {
        if (!state.Exists) throw Rejection.NotFound($"No kiosk '{command.KioskId}'.");
        return state.Revoked ? [] : [new KioskRevoked(command.KioskId, command.Reason, command.At, command.By)];
    }
}

public static class RevokeKioskEndpoint
{
    public static async Task<IResult> Handle(string kioskId, RevokeKioskRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var id = KioskCodes.Kiosk.Require(kioskId, "kioskId");
        var command = new RevokeKiosk(id, request.Reason!.Trim(), clock.GetUtcNow(), http.User.Subject());
        await session.DecideAndAppendAsync(KioskState.StreamKey(id), KioskState.Initial, KioskState.Evolve,
            state => RevokeKioskDecision.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        return TypedResults.NoContent();
    }
}
