using Marten.Events.Aggregation;
using Omnichannel.Citizens.Identities;

namespace Omnichannel.Citizens.LookingUp;

/// <summary>A citizen's profile as staff and channel apps read it. The national id appears only as
/// "verified": its hash is of no use to a reader.</summary>
public sealed class CitizenView
{
    public string Id { get; set; } = "";
    public Guid CitizenId { get; set; }
    public string? DisplayName { get; set; }
    public CitizenPreferences Preferences { get; set; } = new("ca", null, true);
    public List<ChannelIdentity> Identities { get; set; } = [];
    public DateTimeOffset RegisteredAt { get; set; }
    public string RegisteredThrough { get; set; } = "";
    public long Version { get; set; }

    public CitizenProfile ToResponse() => new(
        CitizenId, DisplayName, Preferences, RegisteredAt, RegisteredThrough,
        Phones: Values(IdentityKinds.Phone),
        Emails: Values(IdentityKinds.Email),
        TelegramChats: Values(IdentityKinds.Telegram),
        WhatsAppNumbers: Values(IdentityKinds.WhatsApp),
        NationalIdVerified: Identities.Any(i => i.Kind == IdentityKinds.NationalId));

    private List<string> Values(string kind) => Identities.Where(i => i.Kind == kind).Select(i => i.Value).ToList();
}

/// <summary>A citizen's profile as it is answered: identities by kind, the national id only as verified or not.</summary>
public sealed record CitizenProfile(
    Guid CitizenId, string? DisplayName, CitizenPreferences Preferences, DateTimeOffset RegisteredAt, string RegisteredThrough,
    IReadOnlyList<string> Phones, IReadOnlyList<string> Emails, IReadOnlyList<string> TelegramChats, IReadOnlyList<string> WhatsAppNumbers,
    bool NationalIdVerified);

public sealed partial class CitizenViewProjection : SingleStreamProjection<CitizenView, string>
{
    public CitizenView Create(CitizenRegistered e) => new()
    {
        CitizenId = e.CitizenId, DisplayName = e.DisplayName, Preferences = e.Preferences, RegisteredAt = e.At, RegisteredThrough = e.Channel,
    };

    public CitizenView Apply(ChannelIdentityLinked e, CitizenView view)
    {
        view.Identities.Add(ChannelIdentityRules.Canonical(e.Kind, e.Value));
        return view;
    }

    public CitizenView Apply(ChannelIdentityUnlinked e, CitizenView view)
    {
        // Compared canonically: a view projected before e-mails ignored case still holds the address as first typed.
        var unlinked = ChannelIdentityRules.Canonical(e.Kind, e.Value);
        view.Identities.RemoveAll(i => ChannelIdentityRules.Canonical(i.Kind, i.Value) == unlinked);
        return view;
    }

    public CitizenView Apply(PreferencesChanged e, CitizenView view)
    {
        view.Preferences = e.Preferences;
        return view;
    }
}
