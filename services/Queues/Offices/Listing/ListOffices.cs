using Marten;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Queues.Offices.Listing;

public static class ListOfficesEndpoints
{
    public static async Task<IResult> List(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(await session.Query<OfficeView>().OrderBy(o => o.OfficeId).ToListAsync(ct));

    public static async Task<IResult> Get(string officeId, IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(await session.LoadAsync<OfficeView>(OfficeState.StreamKey(officeId), ct) ?? throw Rejection.NotFound($"There is no office '{officeId}'."));
}
