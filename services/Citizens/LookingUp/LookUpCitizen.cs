using Omnichannel.BuildingBlocks.Http;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Identities;

namespace Omnichannel.Citizens.LookingUp;

/// <summary>A citizen's profile, by id.</summary>
public static class GetCitizenEndpoint
{
    public static async Task<IResult> Handle(Guid citizenId, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var view = await session.LoadAsync<CitizenView>(CitizenState.StreamKey(citizenId), ct) ?? throw Rejection.NotFound("There is no such citizen.");
        response.Headers.ETag = Versioning.ETag(view.Version); // the If-Match of identities and preferences
        return TypedResults.Ok(view.ToResponse());
    }
}

/// <summary>What a channel app knows of a citizen: one identity, in the body so it is in no URL and no log line.</summary>
public sealed record FindCitizenRequest(string? Kind, string? Value);

/// <summary>The citizen behind an identity (kind + value). A POST with the identity in the body, not a GET with it in the
/// query string: URLs end up in access logs, proxies' logs and traces, and a national id must not.</summary>
public static class FindCitizenByIdentityEndpoint
{
    public static async Task<IResult> Handle(FindCitizenRequest request, IQuerySession session, IdentityKeys key, CancellationToken ct)
    {
        if (request.Kind is null || !IdentityKinds.All.Contains(request.Kind)) throw Rejection.Invalid("kind", $"Use one of: {string.Join(", ", IdentityKinds.All)}.");
        var identity = ChannelIdentityRules.Normalize(request.Kind, request.Value, "value", key);
        var entry = await session.LoadAsync<IdentityIndexEntry>(identity.IndexKey, ct) ?? throw Rejection.NotFound("No citizen has this identity.");
        return TypedResults.Ok(new CitizenFound(entry.CitizenId));
    }
}

/// <summary>Who has the identity looked up.</summary>
public sealed record CitizenFound(Guid CitizenId);
