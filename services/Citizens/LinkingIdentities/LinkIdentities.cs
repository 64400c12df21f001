using Omnichannel.BuildingBlocks.Http;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Identities;

namespace Omnichannel.Citizens.LinkingIdentities;

public sealed record LinkIdentities(Guid CitizenId, IReadOnlyList<ChannelIdentity> Identities, DateTimeOffset At);

/// <summary>Whether an identity is already someone else's is not decided here but by the identity index's unique
/// key, in the same transaction (see <see cref="IdentityLinking"/>).</summary>
public static class LinkIdentitiesDecision
{
    /// <summary>One national id per person: a second one would mean two people in one record.</summary>
    private static readonly IReadOnlySet<string> SingleValuedKinds = new HashSet<string> { IdentityKinds.NationalId };

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
}

public static class LinkIdentitiesEndpoint
{
    public static async Task<IResult> Handle(Guid citizenId, IdentityFields request, IDocumentSession session, IdentityKeys key, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var identities = request.Normalize(key);
        if (identities.Count == 0) throw Rejection.Invalid("body", "Give at least one identity: phone, email, telegramChatId, whatsAppNumber or nationalId.");
        var command = new LinkIdentities(citizenId, identities, clock.GetUtcNow());
        await IdentityLinking.EnsureNotTaken(session, identities, citizenId, ct);
        var result = await IdentityLinking.Save(session, citizenId, state => LinkIdentitiesDecision.Decide(command, state), ct, Versioning.ExpectedVersion(http.Request));
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.Ok(new LinkedIdentities(citizenId, result.Events.Count));
    }
}

/// <summary>What linking answers: how many identities were new to the citizen.</summary>
public sealed record LinkedIdentities(Guid CitizenId, int Linked);
