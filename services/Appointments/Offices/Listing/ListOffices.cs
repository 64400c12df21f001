using Marten;

namespace Omnichannel.Appointments.Offices.Listing;

public static class ListOfficesEndpoint
{
    public static async Task<IResult> Handle(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok((await session.Query<OfficeView>().ToListAsync(ct)).OrderBy(o => o.OfficeId, StringComparer.Ordinal));
}
