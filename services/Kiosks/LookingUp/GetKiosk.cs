using Marten;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Kiosks.LookingUp;

public static class GetKioskEndpoint
{
    public static async Task<IResult> Handle(string kioskId, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var id = KioskCodes.Kiosk.Require(kioskId, "kioskId");
        var view = await session.LoadAsync<KioskView>(KioskState.StreamKey(id), ct) ?? throw Rejection.NotFound($"No kiosk '{id}'.");
        http.Response.Headers.ETag = BuildingBlocks.Http.Versioning.ETag(view.Version);
        return TypedResults.Ok(KioskReply.From(view));
    }
}
