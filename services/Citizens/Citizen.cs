using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Citizens.Identities;
using Omnichannel.Contracts;

namespace Omnichannel.Citizens;

public sealed record CitizenPreferences(string Language, string? PreferredChannel, bool DealsElectronically);

/// <summary>What a preference may be, for registering and for changing preferences alike.</summary>
public static class PreferencesRules
{
    public static readonly string LanguageMessage = $"Use one of: {string.Join(", ", LocalizedText.Languages)}.";
    public static readonly string ChannelMessage = Channels.UnknownMessage;
    public static bool IsLanguage(string? language) => language is not null && LocalizedText.Languages.Contains(language);
    public static bool IsChannel(string? channel) => Channels.IsKnown(channel);
}

public sealed record CitizenRegistered(Guid CitizenId, [Personal] string? DisplayName, [NotPersonal] CitizenPreferences Preferences, [NotPersonal] string Channel, DateTimeOffset At);
public sealed record ChannelIdentityLinked(Guid CitizenId, [NotPersonal] string Kind, [Personal] string Value, DateTimeOffset At);
public sealed record ChannelIdentityUnlinked(Guid CitizenId, [NotPersonal] string Kind, [Personal] string Value, DateTimeOffset At);
public sealed record PreferencesChanged(Guid CitizenId, [NotPersonal] CitizenPreferences Preferences, DateTimeOffset At);

/// <summary>A citizen's stream folded; each use case's folder holds the decision it takes on it. (Named state, not aggregate: Marten's generator must not treat it as one.)</summary>
public sealed record CitizenState(bool Exists, CitizenPreferences? Preferences, IReadOnlyList<ChannelIdentity> Identities,
    IReadOnlyList<Consenting.ConsentRecord> Consents)
{
    public static readonly CitizenState Initial = new(false, null, [], []);

    public static string StreamKey(Guid citizenId) => $"citizen:{citizenId:N}";

    public static CitizenState Evolve(CitizenState state, object @event) => @event switch
    {
        CitizenRegistered e => new(true, e.Preferences, [], []),
        // Canonical: an e-mail linked before addresses were compared without case still matches what is typed now.
        ChannelIdentityLinked e => state with { Identities = [.. state.Identities, ChannelIdentityRules.Canonical(e.Kind, e.Value)] },
        ChannelIdentityUnlinked e => state with { Identities = state.Identities.Where(i => i != ChannelIdentityRules.Canonical(e.Kind, e.Value)).ToList() },
        PreferencesChanged e => state with { Preferences = e.Preferences },
        Consenting.ConsentGiven or Consenting.ConsentWithdrawn => state with { Consents = Consenting.ConsentRecord.Evolve(state.Consents, @event) },
        _ => state,
    };
}
