using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Citizens.V1;
using Omnichannel.Kiosks.Sessions.Identifying;

namespace Omnichannel.Kiosks.Sessions.Registering;

/// <summary>A person the citizens service does not know, registering in the open session with the minimum: their
/// <c>name</c>, the <c>nationalId</c> (DNI or NIE, its check letter checked by the citizens service), optionally a
/// <c>phone</c> or <c>email</c> for notices, the <c>language</c> they use at the kiosk, <c>consent</c> (true: they
/// agreed to what the screen told them) and <c>consentVersion</c>, the version of the consent text the screen showed
/// (<see cref="ConsentTexts.InPersonRegistration"/>), in that language. All in the body; none of it is kept here, only
/// the citizen id; the citizens service records the consent.</summary>
public sealed record RegisterAtKioskRequest(Identification? Identification, string? NationalId, string? Name, string? Phone, string? Email, bool? Consent,
    string? Language, string? ConsentVersion = null);

public sealed class RegisterAtKioskRequestValidator : AbstractValidator<RegisterAtKioskRequest>
{
    public RegisterAtKioskRequestValidator()
    {
        RuleFor(r => r.Identification).NotNull().IsInEnum().NotEqual(Identification.Anonymous).WithMessage("Say how the citizen was identified: id-card, id-cat-mobil or nfc.");
        RuleFor(r => r.NationalId).NotEmpty().MaximumLength(20);
        RuleFor(r => r.Name).NotEmpty().MaximumLength(120).Must(n => n is null || !n.Any(char.IsControl)).WithMessage("A name of 1 to 120 characters.");
        RuleFor(r => r.Phone).MaximumLength(40);
        RuleFor(r => r.Email).MaximumLength(254);
        RuleFor(r => r.Consent).Equal(true).WithMessage("The person must agree, on the screen, to the council keeping these details.");
        RuleFor(r => r.Language).NotEmpty().Must(l => l is null || LocalizedText.Languages.Contains(l)).WithMessage($"Use one of: {string.Join(", ", LocalizedText.Languages)}.");
        RuleFor(r => r.ConsentVersion).MaximumLength(40).NotEmpty().WithMessage("Name the version of the consent text the screen showed.");
    }
}

/// <summary>Registering is for the person of an anonymous session: once a session is someone's, nobody registers in it.</summary>
public static class RegisterAtKioskDecision
{
    public static void EnsureNobodysYet(SessionsState state, Guid sessionId)
    {
        if (SessionDecisions.Open(state, sessionId).CitizenId is not null)
            throw Rejection.Conflict("This session is already a citizen's: finish it, and the next person starts a session of their own.");
    }
}

public static class RegisterAtKioskEndpoint
{
    public static async Task<IResult> Handle(string kioskId, Guid sessionId, RegisterAtKioskRequest request, IDocumentSession session, IServiceProvider services,
        TimeProvider clock, HttpContext http, CancellationToken ct) =>
        // From now on the session is theirs, as if they had identified with the DNI they just registered.
        TypedResults.Ok(await DirectoryStep.RunAsync(http, session, services, clock, sessionId, request.Identification!.Value,
            state => RegisterAtKioskDecision.EnsureNobodysYet(state, sessionId),
            async (directory, kiosk) => (await directory.RegisterInPersonAsync(new RegisterInPersonRequest
            {
                DisplayName = request.Name!, NationalId = request.NationalId!, Phone = request.Phone ?? "", Email = request.Email ?? "",
                PreferredLanguage = request.Language!, Channel = Channels.Kiosk,
                // The consent the screen showed, recorded by the citizens service with the registration; the kiosk names the device.
                ConsentPurpose = ConsentTexts.AppointmentsAndReminders, ConsentVersion = request.ConsentVersion!, Device = $"kiosk:{kiosk}",
            }, cancellationToken: ct)).CitizenId,
            e => e is { Kind: RejectionKind.Invalid, Field: "displayName" } ? Rejection.Invalid("name", e.Message) : null, // the kiosk sent it as name
            ct));
}
