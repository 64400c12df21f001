using Omnichannel.BuildingBlocks.PersonalData;
using System.Collections.Immutable;
using Omnichannel.BuildingBlocks.Codes;

namespace Omnichannel.Kiosks;

/// <summary>What a self-service point may have (Mataró's: 21" touchscreen, keyboard, ID-card scanner, USB, webcam with
/// speaker and microphone, bar/QR code reader, printer, NFC reader).</summary>
public enum Peripheral
{
    Touchscreen,
    Keyboard,
    IdCardScanner,
    Usb,
    Camera,
    Speaker,
    Microphone,
    CodeReader,
    Printer,
    Nfc,
}

/// <summary>What an enrolled device is: a self-service kiosk, or a waiting-room display (a TV showing its office's calls),
/// which signs in with the same kind of credential but gets the "display" role: it may read its office's display feed
/// and nothing else (no kiosk route, no heartbeats, no sessions).</summary>
public enum DeviceKind
{
    Kiosk,
    Display,
}

/// <summary>A device credential as stored: never the secret, only its salted key-derived hash.</summary>
public sealed record StoredCredential(string CredentialId, string Salt, string Hash);

public sealed record KioskEnrolled([NotPersonal] string KioskId, [NotPersonal] string OfficeId, [NotPersonal] string Location, IReadOnlyList<Peripheral> Peripherals, DateTimeOffset At, [NotPersonal] string By,
    DeviceKind Kind = DeviceKind.Kiosk);

/// <summary>A new credential for the kiosk. At enrolment <c>PreviousValidUntil</c> is null; on a rotation the credential
/// it replaces keeps working until then, so the kiosk can pick up the new one without downtime.</summary>
public sealed record KioskCredentialIssued([NotPersonal] string KioskId, [NotPersonal] StoredCredential Credential, DateTimeOffset? PreviousValidUntil, DateTimeOffset At, [NotPersonal] string By);

/// <summary>No credential of the kiosk, and no token made from one, is accepted any more.</summary>
public sealed record KioskRevoked([NotPersonal] string KioskId, [NotPersonal] string Reason, DateTimeOffset At, [NotPersonal] string By);

/// <summary>A kiosk's stream folded. (State, not aggregate: Marten's generator must not treat it as one.)</summary>
public sealed record KioskState(bool Exists, string KioskId, string OfficeId, string Location, ImmutableArray<Peripheral> Peripherals)
{
    public static readonly KioskState Initial = new(false, "", "", "", []);

    public StoredCredential? Current { get; init; }
    public StoredCredential? Previous { get; init; }
    public DateTimeOffset? PreviousValidUntil { get; init; }
    public bool Revoked { get; init; }
    public DeviceKind Kind { get; init; }

    public static string StreamKey(string kioskId) => $"kiosk:{kioskId}";

    public static KioskState Evolve(KioskState state, object @event) => @event switch
    {
        KioskEnrolled e => state with { Exists = true, KioskId = e.KioskId, OfficeId = e.OfficeId, Location = e.Location, Peripherals = [.. e.Peripherals], Kind = e.Kind },
        KioskCredentialIssued e => state with
        {
            Previous = e.PreviousValidUntil is null ? null : state.Current,
            PreviousValidUntil = e.PreviousValidUntil,
            Current = e.Credential,
        },
        KioskRevoked => state with { Revoked = true, Current = null, Previous = null, PreviousValidUntil = null },
        _ => state,
    };

    /// <summary>Whether a token made from credential <paramref name="credentialId"/> may still act at <paramref name="now"/>.</summary>
    public bool Accepts(string credentialId, DateTimeOffset now) =>
        !Revoked && (Current?.CredentialId == credentialId
                     || (Previous?.CredentialId == credentialId && PreviousValidUntil is { } until && now < until));
}

public static class KioskCodes
{
    /// <summary>Kiosk ids: "KXXX-XXXX" (K + 6 random + check, split as PersonalCode formats it), the platform's one code scheme; not secret.</summary>
    public static readonly PersonalCode Kiosk = new('K', 6, "a kiosk code");
}
