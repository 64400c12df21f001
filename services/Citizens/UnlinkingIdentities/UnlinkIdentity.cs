using Omnichannel.BuildingBlocks.Http;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Citizens.Identities;

namespace Omnichannel.Citizens.UnlinkingIdentities;

public sealed record UnlinkIdentity(Guid CitizenId, ChannelIdentity Identity, DateTimeOffset At);

public static class UnlinkIdentityDecision
{
    public static IReadOnlyList<object> Decide(UnlinkIdentity command, CitizenState state)
    {
        if (!state.Exists) throw Rejection.NotFound("There is no such citizen.");
        if (!state.Identities.Contains(command.Identity)) throw Rejection.NotFound("This identity is not linked to the citizen.");
        return [new ChannelIdentityUnlinked(command.CitizenId, command.Identity.Kind, command.Identity.Value, command.At)];
    }
}

/// <summary>The identity to unlink, in the body: a phone or national id must not sit in a URL (access logs, traces).</summary>
public sealed record UnlinkIdentityRequest(string? Kind, string? Value);

public static class UnlinkIdentityEndpoint
{
    public static async Task<IResult> Handle(Guid citizenId, UnlinkIdentityRequest request, IDocumentSession session, IdentityKeys key, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (request.Kind is null || !IdentityKinds.All.Contains(request.Kind)) throw Rejection.Invalid("kind", $"Use one of: {string.Join(", ", IdentityKinds.All)}.");
        var identity = ChannelIdentityRules.Normalize(request.Kind, request.Value, "value", key);
        var result = await session.DecideAndAppendAsync(CitizenState.StreamKey(citizenId), CitizenState.Initial, CitizenState.Evolve, state =>
        {
            var events = UnlinkIdentityDecision.Decide(new UnlinkIdentity(citizenId, identity, clock.GetUtcNow()), state);
            session.Delete<IdentityIndexEntry>(identity.IndexKey);
            return events;
        }, ct, Versioning.ExpectedVersion(http.Request));
        http.Response.Headers.ETag = Versioning.ETag(result.Version);
        return TypedResults.NoContent();
    }
}
