using Marten.Events.Aggregation;
using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.Kiosks.LookingUp;

/// <summary>A kiosk as staff see it (and as every kiosk call is checked against): where it is, what it has, whether it
/// is revoked and which credentials are live. No hash of a credential is kept here.</summary>
[NotPersonal]
public sealed class KioskView
{
    public string Id { get; set; } = "";
    public string KioskId { get; set; } = "";
    public string OfficeId { get; set; } = "";
    public string Location { get; set; } = "";
    public List<Peripheral> Peripherals { get; set; } = [];
    public DateTimeOffset EnrolledAt { get; set; }
    public bool Revoked { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? CurrentCredentialId { get; set; }
    public string? PreviousCredentialId { get; set; }
    public DateTimeOffset? PreviousValidUntil { get; set; }
    public long Version { get; set; }

    /// <summary>Same rule as <see cref="KioskState.Accepts"/>, on the read model every kiosk call reads.</summary>
    public bool Accepts(string credentialId, DateTimeOffset now) =>
        !Revoked && (CurrentCredentialId == credentialId
                     || (PreviousCredentialId == credentialId && PreviousValidUntil is { } until && now < until));
}

public sealed partial class KioskViewProjection : SingleStreamProjection<KioskView, string>
{
    public KioskView Apply(KioskEnrolled e, KioskView view)
    {
        view.KioskId = e.KioskId;
        view.OfficeId = e.OfficeId;
        view.Location = e.Location;
        view.Peripherals = [.. e.Peripherals];
        view.EnrolledAt = e.At;
        return view;
    }

    public KioskView Apply(KioskCredentialIssued e, KioskView view)
    {
        view.PreviousCredentialId = e.PreviousValidUntil is null ? null : view.CurrentCredentialId;
        view.PreviousValidUntil = e.PreviousValidUntil;
        view.CurrentCredentialId = e.Credential.CredentialId;
        return view;
    }

    public KioskView Apply(KioskRevoked e, KioskView view)
    {
        view.Revoked = true;
        view.RevokedAt = e.At;
        view.CurrentCredentialId = null;
        view.PreviousCredentialId = null;
        view.PreviousValidUntil = null;
        return view;
    }
}

/// <summary>A kiosk as answered to staff and to the kiosk itself.</summary>
public sealed record KioskReply(string KioskId, string OfficeId, string Location, IReadOnlyList<Peripheral> Peripherals,
    DateTimeOffset EnrolledAt, bool Revoked, DateTimeOffset? OldCredentialValidUntil, long Version)
{
    public static KioskReply From(KioskView v) => new(v.KioskId, v.OfficeId, v.Location, v.Peripherals, v.EnrolledAt, v.Revoked,
        v.PreviousCredentialId is null ? null : v.PreviousValidUntil, v.Version);
}
