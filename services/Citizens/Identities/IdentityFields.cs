using Marten;
using JasperFx;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;

namespace Omnichannel.Citizens.Identities;

/// <summary>The identities a request may carry, each in its own field so an error names exactly which.</summary>
public record IdentityFields(string? Phone, string? Email, string? TelegramChatId, string? WhatsAppNumber, string? NationalId)
{
    public IReadOnlyList<ChannelIdentity> Normalize(IdentityKeys keys)
    {
        var identities = new List<ChannelIdentity>();
        void Add(string kind, string? value, string field)
        {
            if (value is not null) identities.Add(ChannelIdentityRules.Normalize(kind, value, field, keys));
        }
        Add(IdentityKinds.Phone, Phone, "phone");
        Add(IdentityKinds.Email, Email, "email");
        Add(IdentityKinds.Telegram, TelegramChatId, "telegramChatId");
        Add(IdentityKinds.WhatsApp, WhatsAppNumber, "whatsAppNumber");
        Add(IdentityKinds.NationalId, NationalId, "nationalId");
        return identities;
    }
}

/// <summary>How registering and linking save identities: the link events and the identity index written together.</summary>
public static class IdentityLinking
{
    /// <summary>A clear 409 naming the identity when it is already someone else's. The unique index key
    /// written with the events is what really guards against two registrations racing.</summary>
    public static async Task EnsureNotTaken(IQuerySession session, IReadOnlyList<ChannelIdentity> identities, Guid citizenId, CancellationToken ct)
    {
        foreach (var identity in identities)
            if (await session.LoadAsync<IdentityIndexEntry>(identity.IndexKey, ct) is { } entry && entry.CitizenId != citizenId)
                throw Rejection.Conflict($"This {identity.Kind} is already linked to another citizen.");
    }

    public static async Task<StreamAppends.Decided<CitizenState>> Save(
        IDocumentSession session, Guid citizenId, Func<CitizenState, IReadOnlyList<object>> decide, CancellationToken ct, long? expectedVersion = null)
    {
        try
        {
            return await session.DecideAndAppendAsync(CitizenState.StreamKey(citizenId), CitizenState.Initial, CitizenState.Evolve, state =>
            {
                var events = decide(state);
                foreach (var linked in events.OfType<ChannelIdentityLinked>())
                    session.Insert(new IdentityIndexEntry { Id = new ChannelIdentity(linked.Kind, linked.Value).IndexKey, CitizenId = citizenId });
                return events;
            }, ct, expectedVersion);
        }
        catch (DocumentAlreadyExistsException)
        {
            throw Rejection.Conflict("One of these identities was just linked to another citizen.");
        }
    }
}
