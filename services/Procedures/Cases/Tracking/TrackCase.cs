using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Procedures.Catalogue;
using Omnichannel.Procedures.Catalogue.Browsing;

namespace Omnichannel.Procedures.Cases.Tracking;

/// <summary>Following a case: by the personal tracking code (anyone holding it), or by id (staff).</summary>
public static class TrackCaseEndpoints
{
    /// <summary>Anyone holding the code may read the status — that is what the code is for — but only the status: no
    /// citizen id, no summary, no staff notes (<see cref="PublicCaseStatus"/>). A typo in the code is a 400 saying so,
    /// never "no case has this code".</summary>
    public static async Task<IResult> ByTrackingCode(string trackingCode, IQuerySession session, CancellationToken ct)
    {
        var code = TrackingCode.Require(trackingCode);
        var view = await session.Query<CaseView>().Where(c => c.TrackingCode == code).FirstOrDefaultAsync(ct)
            ?? throw Rejection.NotFound("No case has this tracking code.");
        var procedure = await session.LoadAsync<ProcedureView>(Procedure.StreamKey(view.ProcedureCode), ct);
        return TypedResults.Ok(PublicCaseStatus.Of(view, procedure?.Names));
    }

    public static async Task<IResult> ById(Guid caseId, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var view = await session.LoadAsync<CaseView>(Case.StreamKey(caseId), ct) ?? throw Rejection.NotFound("There is no such case.");
        response.Headers.ETag = Versioning.ETag(view.Version);
        return TypedResults.Ok(view);
    }
}
