using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Citizens.Identities;

namespace Omnichannel.Citizens.LookingUp;

/// <summary>A citizen's profile, by id.</summary>
public static class GetCitizenEndpoint
{
    public static async Task<IResult> Handle(Guid citizenId, IQuerySession session, CancellationToken ct)
    {
        var view = await session.LoadAsync<CitizenView>(CitizenState.StreamKey(citizenId), ct) ?? throw Rejection.NotFound("There is no such citizen.");
        return TypedResults.Ok(view.ToResponse());
    }
}

/// <summary>The citizen behind an identity (kind + value, in the query string, never logged).</summary>
public static class FindCitizenByIdentityEndpoint
{
    public static async Task<IResult> Handle(string? kind, string? value, IQuerySession session, NationalIdKey key, CancellationToken ct)
    {
        if (kind is null || !IdentityKinds.All.Contains(kind)) throw Rejection.Invalid("kind", $"Use one of: {string.Join(", ", IdentityKinds.All)}.");
        var identity = ChannelIdentityRules.Normalize(kind, value, "value", key.Bytes);
        var entry = await session.LoadAsync<IdentityIndexEntry>(identity.IndexKey, ct) ?? throw Rejection.NotFound("No citizen has this identity.");
        return TypedResults.Ok(new { entry.CitizenId });
    }
}
