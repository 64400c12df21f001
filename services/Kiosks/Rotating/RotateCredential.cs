using FluentValidation;
using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Kiosks.Credentials;

namespace Omnichannel.Kiosks.Rotating;

/// <summary><c>graceMinutes</c>: how long the old credential keeps working (default <c>Kiosks:RotationGraceHours</c>);
/// 0 ends it at once (a credential known to have leaked: revoke instead if the kiosk itself is not trusted).</summary>
public sealed record RotateCredentialRequest(int? GraceMinutes);

public sealed class RotateCredentialRequestValidator : AbstractValidator<RotateCredentialRequest>
{
    public RotateCredentialRequestValidator() => RuleFor(r => r.GraceMinutes).InclusiveBetween(0, 7 * 24 * 60);
}

public sealed record RotateCredential(string KioskId, StoredCredential Credential, TimeSpan Grace, DateTimeOffset At, string By);

public static class RotateCredentialDecision
{
    public static IReadOnlyList<object> Decide(RotateCredential command, KioskState state)
    {
        if (!state.Exists) throw Rejection.NotFound($"No kiosk '{command.KioskId}'.");
        if (state.Revoked) throw Rejection.Conflict($"Kiosk '{command.KioskId}' is revoked: enrol it again to give it a credential.");
        // A rotation during another's grace ends that grace: only the credential being replaced gets one.
        return [new KioskCredentialIssued(command.KioskId, command.Credential, command.At + command.Grace, command.At, command.By)];
    }
}

/// <summary>The new credential (shown this once) and until when the old one still works.</summary>
public sealed record RotatedCredential(string KioskId, string Credential, DateTimeOffset OldCredentialValidUntil);

public static class RotateCredentialEndpoint
{
    public static async Task<IResult> Handle(string kioskId, RotateCredentialRequest request, IDocumentSession session, TimeProvider clock,
        IOptions<KioskOptions> options, HttpContext http, CancellationToken ct)
    {
        var id = KioskCodes.Kiosk.Require(kioskId, "kioskId");
        var issued = DeviceCredentials.New(RequestContext.RequiredTenantId, id);
        var grace = request.GraceMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : TimeSpan.FromHours(options.Value.RotationGraceHours);
        var command = new RotateCredential(id, issued.Stored, grace, clock.GetUtcNow(), http.User.Subject());
        var result = await session.DecideAndAppendAsync(KioskState.StreamKey(id), KioskState.Initial, KioskState.Evolve,
            state => RotateCredentialDecision.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Ok(new RotatedCredential(id, issued.Credential, command.At + grace));
    }
}
