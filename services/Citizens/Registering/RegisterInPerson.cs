using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Consenting;
using Omnichannel.Citizens.Identities;
using Omnichannel.Contracts;

namespace Omnichannel.Citizens.Registering;

/// <summary>A person registered in front of a council device (the kiosk) with the minimum: a name, the DNI or NIE, and
/// optionally a phone or an e-mail for notices, having agreed to the consent text of <paramref name="ConsentPurpose"/> at
/// <paramref name="ConsentVersion"/> shown in <paramref name="Language"/>, through <paramref name="Device"/>
/// (<c>kiosk:{kioskId}</c>). Fields named as the kiosk sends them.</summary>
public sealed record RegisterInPersonFields(string? DisplayName, string? NationalId, string? Phone, string? Email, string? Language, string? Channel,
    string? ConsentPurpose = null, string? ConsentVersion = null, string? Device = null);

/// <summary>The registration and the consent it was given with, saved together.</summary>
public sealed record RegisterInPerson(RegisterCitizen Registration, ConsentGiven Consent)
{
    public Guid CitizenId => Registration.CitizenId;
    public IReadOnlyList<ChannelIdentity> Identities => Registration.Identities;
}

public static class RegisterInPersonDecision
{
    /// <summary>As any registration, and the consent recorded with it: nobody is registered in person without one.</summary>
    public static IReadOnlyList<object> Decide(RegisterInPerson command, CitizenState state) =>
        [.. RegisterCitizenDecision.Decide(command.Registration, state), command.Consent];
}

/// <summary>The rules of registering in person, pure: what is asked is checked field by field, and a DNI or contact
/// already on record is refused without saying whose it is or touching that citizen.</summary>
public static class RegisterInPersonRules
{
    public const int NameLength = 120;

    /// <summary>The command, or a rejection naming the field. Nobody chose electronic dealing or a notice channel at a
    /// kiosk: those stay unset (paper, and whatever identity reaches them) until the citizen says otherwise.</summary>
    public static RegisterInPerson Command(RegisterInPersonFields fields, IdentityKeys keys, Guid citizenId, DateTimeOffset at, Guid? consentId = null)
    {
        if (!Channels.IsKnown(fields.Channel)) throw Rejection.Invalid("channel", Channels.UnknownMessage);
        var name = fields.DisplayName?.Trim() ?? "";
        if (name.Length == 0 || name.Length > NameLength || name.Any(char.IsControl))
            throw Rejection.Invalid("displayName", $"A name of 1 to {NameLength} characters.");
        if (string.IsNullOrWhiteSpace(fields.NationalId)) throw Rejection.Invalid("nationalId", "The DNI or NIE is needed.");
        var identities = new IdentityFields(Blank(fields.Phone), Blank(fields.Email), null, null, fields.NationalId).Normalize(keys);
        // The consent is checked with the rest, before anything is looked up: the language it was shown in is the one used.
        var consent = ConsentDecisions.Give(new GiveConsent(citizenId, consentId ?? Guid.NewGuid(), fields.ConsentPurpose, fields.ConsentVersion,
            fields.Language, fields.Channel!, string.IsNullOrWhiteSpace(fields.Device) ? null : fields.Device, at));
        return new RegisterInPerson(
            new RegisterCitizen(citizenId, name, new CitizenPreferences(consent.Language, null, DealsElectronically: false), fields.Channel!, identities, at),
            consent);
    }

    /// <summary>Given who already holds each identity: the DNI or NIE someone has is "already registered" (a 409: the
    /// kiosk identifies them instead, as typing it there would have); a phone or e-mail someone else has is refused as
    /// that field's input, without saying whose or linking it. Checked in this order, so a known person's DNI is never
    /// answered with anything about their contacts.</summary>
    public static void RefuseTaken(IReadOnlyList<ChannelIdentity> identities, IReadOnlySet<string> takenIndexKeys)
    {
        if (identities.Any(i => i.Kind == IdentityKinds.NationalId && takenIndexKeys.Contains(i.IndexKey)))
            throw Rejection.Conflict("This DNI or NIE is already registered: identify with it instead.");
        foreach (var identity in identities.Where(i => takenIndexKeys.Contains(i.IndexKey)))
            throw Rejection.Invalid(identity.Kind == IdentityKinds.Email ? "email" : "phone",
                "This cannot be used for a new registration here: leave it empty, or ask at the desk.");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

public static class RegisterInPersonHandler
{
    public static async Task<Guid> HandleAsync(RegisterInPersonFields fields, IDocumentSession session, IdentityKeys keys, TimeProvider clock, CancellationToken ct)
    {
        var command = RegisterInPersonRules.Command(fields, keys, Guid.NewGuid(), clock.GetUtcNow());
        var taken = new HashSet<string>();
        foreach (var identity in command.Identities)
            if (await session.LoadAsync<IdentityIndexEntry>(identity.IndexKey, ct) is not null) taken.Add(identity.IndexKey);
        RegisterInPersonRules.RefuseTaken(command.Identities, taken);
        // A registration racing this one for the same identity still loses on the index's unique key (a 409).
        await IdentityLinking.Save(session, command.CitizenId, state => RegisterInPersonDecision.Decide(command, state), ct);
        return command.CitizenId;
    }
}
