using Omnichannel.Kiosks.Credentials;
using Omnichannel.Kiosks.Enrolling;
using Omnichannel.Kiosks.Revoking;
using Omnichannel.Kiosks.Rotating;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Kiosks.Tests.Domain;

/// <summary>Enrolment, rotation with grace and revocation as given events / when command / then events, and the
/// credential's hashing.</summary>
public sealed class CredentialTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 2, 11, 0, 0, TimeSpan.Zero);
    private const string Kiosk = "K1234-567";

    private static KioskState Given(params object[] events) => events.Aggregate(KioskState.Initial, KioskState.Evolve);

    private static (DeviceCredentials.Issued Issued, object[] Events) Enrolled()
    {
        var issued = DeviceCredentials.New("mataro", KioskCodes.Kiosk.New());
        var events = EnrolKioskDecision.Decide(new EnrolKiosk(Kiosk, "connecta-space", true, "Hall", [Peripheral.Printer, Peripheral.Touchscreen], issued.Stored, Noon, "staff-ana"), KioskState.Initial);
        return (issued, [.. events]);
    }

    [Fact]
    public void Enrolling_at_an_office_the_directory_does_not_know_is_refused_as_not_found()
    {
        var issued = DeviceCredentials.New("mataro", Kiosk);
        var refusal = Assert.Throws<Rejection>(() => EnrolKioskDecision.Decide(new EnrolKiosk(Kiosk, "nowhere", false, "Hall", [], issued.Stored, Noon, "staff-ana"), KioskState.Initial));
        Assert.Equal(RejectionKind.NotFound, refusal.Kind);
    }

    [Fact]
    public void Enrolling_records_the_kiosk_and_a_credential_with_no_grace_for_any_other()
    {
        var (_, events) = Enrolled();
        var enrolled = Assert.IsType<KioskEnrolled>(events[0]);
        Assert.Equal([Peripheral.Touchscreen, Peripheral.Printer], enrolled.Peripherals);
        Assert.Null(Assert.IsType<KioskCredentialIssued>(events[1]).PreviousValidUntil);
    }

    [Fact]
    public void Enrolling_a_display_records_its_kind_so_its_sign_in_is_a_display_not_a_kiosk()
    {
        var issued = DeviceCredentials.New("mataro", Kiosk);
        var events = EnrolKioskDecision.Decide(new EnrolKiosk(Kiosk, "connecta-space", true, "Waiting room", [], issued.Stored, Noon, "staff-ana", DeviceKind.Display), KioskState.Initial);
        Assert.Equal(DeviceKind.Display, Assert.IsType<KioskEnrolled>(events[0]).Kind);
        Assert.Equal(DeviceKind.Display, Given([.. events]).Kind);
        Assert.Equal(DeviceKind.Kiosk, Given([.. Enrolled().Events]).Kind);
    }

    [Fact]
    public void The_stored_credential_holds_no_secret_and_only_the_shown_secret_matches_it()
    {
        var (issued, _) = Enrolled();
        var secret = issued.Credential.Split('.')[2];
        Assert.DoesNotContain(secret, issued.Stored.Hash + issued.Stored.Salt + issued.Stored.CredentialId);
        Assert.Same(issued.Stored, DeviceCredentials.Match(secret, issued.Stored));
        Assert.Null(DeviceCredentials.Match(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A'), issued.Stored));
        Assert.NotEqual(DeviceCredentials.New("mataro", Kiosk).Stored.Hash, DeviceCredentials.New("mataro", Kiosk).Stored.Hash);
    }

    [Fact]
    public void A_credential_parses_only_when_shaped_as_council_kiosk_and_secret()
    {
        var (issued, _) = Enrolled();
        Assert.NotNull(DeviceCredentials.Parse(issued.Credential));
        Assert.Null(DeviceCredentials.Parse("mataro.K1234-567"));
        Assert.Null(DeviceCredentials.Parse("Mataró.K1234-567." + new string('a', 43)));
        Assert.Null(DeviceCredentials.Parse(null));
    }

    [Fact]
    public void After_a_rotation_the_old_credential_works_until_the_grace_ends_and_the_new_one_from_then_on()
    {
        var (old, enrolled) = Enrolled();
        var state = Given(enrolled);
        var fresh = DeviceCredentials.New("mataro", Kiosk);

        var rotated = RotateCredentialDecision.Decide(new RotateCredential(Kiosk, fresh.Stored, TimeSpan.FromHours(1), Noon, "staff-ana"), state);

        var after = rotated.Aggregate(state, KioskState.Evolve);
        Assert.Equal(Noon.AddHours(1), Assert.IsType<KioskCredentialIssued>(Assert.Single(rotated)).PreviousValidUntil);
        Assert.True(after.Accepts(old.Stored.CredentialId, Noon.AddMinutes(59)));
        Assert.False(after.Accepts(old.Stored.CredentialId, Noon.AddHours(1)));
        Assert.True(after.Accepts(fresh.Stored.CredentialId, Noon.AddDays(30)));
    }

    [Fact]
    public void A_second_rotation_ends_the_grace_of_the_credential_before_the_last()
    {
        var (first, enrolled) = Enrolled();
        var second = DeviceCredentials.New("mataro", Kiosk);
        var third = DeviceCredentials.New("mataro", Kiosk);
        var state = Given([.. enrolled, new KioskCredentialIssued(Kiosk, second.Stored, Noon.AddHours(24), Noon, "staff-ana")]);

        var after = RotateCredentialDecision.Decide(new RotateCredential(Kiosk, third.Stored, TimeSpan.FromHours(24), Noon.AddMinutes(5), "staff-ana"), state)
            .Aggregate(state, KioskState.Evolve);

        Assert.False(after.Accepts(first.Stored.CredentialId, Noon.AddMinutes(6)));
        Assert.True(after.Accepts(second.Stored.CredentialId, Noon.AddMinutes(6)));
    }

    [Fact]
    public void A_revoked_kiosk_accepts_no_credential_and_cannot_be_rotated()
    {
        var (issued, enrolled) = Enrolled();
        var state = Given(enrolled);

        var revoked = RevokeKioskDecision.Decide(new RevokeKiosk(Kiosk, "stolen", Noon, "staff-ana"), state).Aggregate(state, KioskState.Evolve);

        Assert.False(revoked.Accepts(issued.Stored.CredentialId, Noon));
        Assert.Empty(RevokeKioskDecision.Decide(new RevokeKiosk(Kiosk, "again", Noon, "staff-ana"), revoked));
        var refusal = Assert.Throws<Rejection>(() => RotateCredentialDecision.Decide(new RotateCredential(Kiosk, issued.Stored, TimeSpan.Zero, Noon, "staff-ana"), revoked));
        Assert.Equal(RejectionKind.Conflict, refusal.Kind);
    }
}
