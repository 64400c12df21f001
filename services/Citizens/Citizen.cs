using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Identities;

namespace Omnichannel.Citizens;

public sealed record CitizenPreferences(string Language, string? PreferredChannel, bool DealsElectronically);

public sealed record CitizenRegistered(Guid CitizenId, string? DisplayName, CitizenPreferences Preferences, string Channel, DateTimeOffset At);
public sealed record ChannelIdentityLinked(Guid CitizenId, string Kind, string Value, DateTimeOffset At);
public sealed record ChannelIdentityUnlinked(Guid CitizenId, string Kind, string Value, DateTimeOffset At);
public sealed record PreferencesChanged(Guid CitizenId, CitizenPreferences Preferences, DateTimeOffset At);

/// <summary>A citizen's stream folded. (Named state, not aggregate: Marten's generator must not treat it as one.)</summary>
public sealed record CitizenState(bool Exists, CitizenPreferences? Preferences, IReadOnlyList<ChannelIdentity> Identities)
{
    public static readonly CitizenState Initial = new(false, null, []);

    public static string StreamKey(Guid citizenId) => $"citizen:{citizenId:N}";

    public static CitizenState Evolve(CitizenState state, object @event) => @event switch
    {
        CitizenRegistered e => new(true, e.Preferences, []),
        ChannelIdentityLinked e => state with { Identities = [.. state.Identities, new ChannelIdentity(e.Kind, e.Value)] },
        ChannelIdentityUnlinked e => state with { Identities = state.Identities.Where(i => i != new ChannelIdentity(e.Kind, e.Value)).ToList() },
        PreferencesChanged e => state with { Preferences = e.Preferences },
        _ => state,
    };
}

public sealed record RegisterCitizen(Guid CitizenId, string? DisplayName, CitizenPreferences Preferences, string Channel, IReadOnlyList<ChannelIdentity> Identities, DateTimeOffset At);
public sealed record LinkIdentities(Guid CitizenId, IReadOnlyList<ChannelIdentity> Identities, DateTimeOffset At);
public sealed record UnlinkIdentity(Guid CitizenId, ChannelIdentity Identity, DateTimeOffset At);
public sealed record ChangePreferences(Guid CitizenId, CitizenPreferences Preferences, DateTimeOffset At);

/// <summary>The citizens service's decisions. Whether an identity is already someone else's is not decided
/// here but by the identity index's unique key, in the same transaction (see CitizensApi).</summary>
public static class CitizenDecisions
{
    /// <summary>One national id per person: a second one would mean two people in one record.</summary>
    private static readonly IReadOnlySet<string> SingleValuedKinds = new HashSet<string> { IdentityKinds.NationalId };

    public static IReadOnlyList<object> Decide(RegisterCitizen command, CitizenState state)
    {
        if (state.Exists) throw Rejection.Conflict("This citizen is already registered.");
        var registered = new CitizenRegistered(command.CitizenId, command.DisplayName, command.Preferences, command.Channel, command.At);
        var afterRegistration = CitizenState.Evolve(state, registered);
        return [registered, .. Decide(new LinkIdentities(command.CitizenId, command.Identities, command.At), afterRegistration)];
    }

    public static IReadOnlyList<object> Decide(LinkIdentities command, CitizenState state)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such citizen.");
        var events = new List<object>();
        var identities = state.Identities.ToList();
        foreach (var identity in command.Identities.Distinct())
        {
            if (identities.Contains(identity)) continue; // linking twice changes nothing
            if (SingleValuedKinds.Contains(identity.Kind) && identities.Any(i => i.Kind == identity.Kind))
                throw Rejection.Conflict("This citizen already has a verified national id; unlink it first.");
            identities.Add(identity);
            events.Add(new ChannelIdentityLinked(command.CitizenId, identity.Kind, identity.Value, command.At));
        }
        return events;
    }

    public static IReadOnlyList<object> Decide(UnlinkIdentity command, CitizenState state)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such citizen.");
        if (!state.Identities.Contains(command.Identity)) throw Rejection.NotFound("This identity is not linked to the citizen.");
        return [new ChannelIdentityUnlinked(command.CitizenId, command.Identity.Kind, command.Identity.Value, command.At)];
    }

    public static IReadOnlyList<object> Decide(ChangePreferences command, CitizenState state)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such citizen.");
        return command.Preferences == state.Preferences ? [] : [new PreferencesChanged(command.CitizenId, command.Preferences, command.At)];
    }
}
