using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Kiosks.Credentials;
using Omnichannel.BuildingBlocks.OfficeDirectory;

namespace Omnichannel.Kiosks.Enrolling;

/// <summary><c>location</c>: where in the building ("entrance hall, left of the lifts"); <c>kind</c>: <c>kiosk</c> (when
/// absent) or <c>display</c>, a waiting-room screen that may only read its office's display feed.</summary>
public sealed record EnrolKioskRequest(string? OfficeId, string? Location, IReadOnlyList<Peripheral>? Peripherals, DeviceKind? Kind = null);

public sealed class EnrolKioskRequestValidator : AbstractValidator<EnrolKioskRequest>
{
    public EnrolKioskRequestValidator()
    {
        RuleFor(r => r.OfficeId).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Location).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Peripherals).NotNull();
        RuleForEach(r => r.Peripherals).IsInEnum();
        RuleFor(r => r.Peripherals).Must(p => p is null || p.Distinct().Count() == p.Count).WithMessage("Each peripheral once.");
        RuleFor(r => r.Kind).IsInEnum();
    }
}

/// <summary><paramref name="OfficeKnown"/>: whether the office directory told us of the office.</summary>
public sealed record EnrolKiosk(string KioskId, string OfficeId, bool OfficeKnown, string Location, IReadOnlyList<Peripheral> Peripherals,
    StoredCredential Credential, DateTimeOffset At, string By, DeviceKind Kind = DeviceKind.Kiosk);

public static class EnrolKioskDecision
{
    /// <summary>Kiosks are enrolled only at an office of the directory: the kiosks service never invents office ids.</summary>
    public static IReadOnlyList<object> Decide(EnrolKiosk command, KioskState state)
    {
        if (!command.OfficeKnown)
            throw Rejection.NotFound($"Office '{command.OfficeId}' is not in the office directory: appointments registers offices, then kiosks can be enrolled there.");
        if (state.Exists) throw Rejection.Conflict($"Kiosk '{command.KioskId}' is already enrolled.");
        return
        [
            new KioskEnrolled(command.KioskId, command.OfficeId, command.Location.Trim(), [.. command.Peripherals.Order()], command.At, command.By, command.Kind),
            new KioskCredentialIssued(command.KioskId, command.Credential, null, command.At, command.By),
        ];
    }
}

/// <summary>What enrolling answers: the kiosk's id and its device credential — shown this once, never again.</summary>
public sealed record EnrolledKiosk(string KioskId, string OfficeId, string Credential);

public static class EnrolKioskEndpoint
{
    public static async Task<IResult> Handle(EnrolKioskRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var tenant = RequestContext.RequiredTenantId;
        var kioskId = KioskCodes.Kiosk.New();
        var issued = DeviceCredentials.New(tenant, kioskId);
        var office = await DirectoryOffices.FindAsync(session, request.OfficeId!, ct);
        var command = new EnrolKiosk(kioskId, request.OfficeId!, office is not null, request.Location!, request.Peripherals!,
            issued.Stored, clock.GetUtcNow(), http.User.Subject(), request.Kind ?? DeviceKind.Kiosk);
        await session.DecideAndAppendAsync(KioskState.StreamKey(kioskId), KioskState.Initial, KioskState.Evolve,
            state => EnrolKioskDecision.Decide(command, state), ct);
        // The credential is a secret: never cached by anything on the way back.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/kiosks/{kioskId}", new EnrolledKiosk(kioskId, command.OfficeId, issued.Credential));
    }
}
