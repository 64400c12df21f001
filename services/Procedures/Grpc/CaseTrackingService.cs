using Omnichannel.BuildingBlocks.Vocabulary;
using System.Globalization;
using Grpc.Core;
using Marten;
using Omnichannel.Contracts.Grpc.Procedures.V1;
using Omnichannel.Procedures.Cases;
using Omnichannel.Procedures.Cases.Tracking;
using Omnichannel.Procedures.Catalogue;
using Omnichannel.Procedures.Catalogue.Browsing;

namespace Omnichannel.Procedures.Grpc;

/// <summary>A case's status by tracking code for other services (messaging answers "TRÀMIT + code" with it). A typo is
/// InvalidArgument, a code nobody was given NotFound — through the rejection interceptor, as over REST.</summary>
public sealed class CaseTrackingService(IQuerySession session) : CaseTracking.CaseTrackingBase
{
    public override async Task<CaseStatusReply> GetByTrackingCode(GetByTrackingCodeRequest request, ServerCallContext context)
    {
        var code = TrackingCode.Require(request.TrackingCode);
        var view = await session.Query<CaseView>().Where(c => c.TrackingCode == code).FirstOrDefaultAsync(context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "No case has this tracking code."));
        var procedure = await session.LoadAsync<ProcedureView>(Procedure.StreamKey(view.ProcedureCode), context.CancellationToken);
        return new CaseStatusReply
        {
            TrackingCode = view.TrackingCode,
            ProcedureCode = view.ProcedureCode,
            ProcedureName = procedure is null ? null : new LocalizedText { Ca = procedure.Names.Ca, Es = procedure.Names.Es, En = procedure.Names.En },
            Status = WireEnum.Name(view.Status),
            UpdatedAt = view.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            CitizenId = view.CitizenId?.ToString() ?? "",
        };
    }
}
