using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Kiosks.Sessions;
using Omnichannel.Kiosks.Sessions.Registering;

namespace Omnichannel.Kiosks.Tests.Domain;

/// <summary>Registering at the kiosk: only in the open session of nobody yet, and only with what the screen asks and the person's consent.</summary>
public sealed class RegistrationTests
{
    private const string Kiosk = "K1234-567";
    private static readonly DateTimeOffset T0 = new(2026, 9, 9, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid S1 = Guid.NewGuid();

    private static SessionsState Given(params object[] events) => events.Aggregate(SessionsState.Initial, SessionsState.Evolve);
    private static SessionStarted Anonymous() => new(Kiosk, "cc-rocafonda", S1, Identification.Anonymous, null, T0);

    [Fact]
    public void A_person_registers_only_in_the_open_session_of_nobody_yet()
    {
        RegisterAtKioskDecision.EnsureNobodysYet(Given(Anonymous()), S1);

        var someones = Given(Anonymous(), new SessionIdentified(Kiosk, S1, Identification.IdCard, Guid.NewGuid(), T0.AddMinutes(1)));
        Assert.Equal(RejectionKind.Conflict, Assert.Throws<Rejection>(() => RegisterAtKioskDecision.EnsureNobodysYet(someones, S1)).Kind);
        Assert.Equal(RejectionKind.Conflict, Assert.Throws<Rejection>(() => RegisterAtKioskDecision.EnsureNobodysYet(Given(Anonymous()), Guid.NewGuid())).Kind);
    }

    [Fact]
    public void Without_consent_or_a_name_the_request_is_refused_naming_the_field_and_a_phone_or_email_is_optional()
    {
        var validator = new RegisterAtKioskRequestValidator();
        var minimum = new RegisterAtKioskRequest(Identification.IdCard, "12345678Z", "Aina Puig", null, null, true, "ca", "2026-11-30");
        Assert.True(validator.Validate(minimum).IsValid);

        Assert.Equal(["Consent"], validator.Validate(minimum with { Consent = false }).Errors.Select(e => e.PropertyName));
        Assert.Equal(["Consent"], validator.Validate(minimum with { Consent = null }).Errors.Select(e => e.PropertyName));
        Assert.Equal(["Name"], validator.Validate(minimum with { Name = " " }).Errors.Select(e => e.PropertyName).Distinct());
        Assert.Equal(["NationalId"], validator.Validate(minimum with { NationalId = "" }).Errors.Select(e => e.PropertyName).Distinct());
        Assert.Equal(["Language"], validator.Validate(minimum with { Language = "fr" }).Errors.Select(e => e.PropertyName));
        // The consent is the one the screen showed, in the language it showed it: both said, or nobody is registered.
        Assert.Equal(["Language"], validator.Validate(minimum with { Language = null }).Errors.Select(e => e.PropertyName).Distinct());
        Assert.Equal(["ConsentVersion"], validator.Validate(minimum with { ConsentVersion = null }).Errors.Select(e => e.PropertyName));
        Assert.Equal(["Identification"], validator.Validate(minimum with { Identification = Identification.Anonymous }).Errors.Select(e => e.PropertyName));
    }
}
