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

    /// <summary>The cases of a procedure submitted in a period with a known citizen, from the cases' view (itself
    /// folded from the stored CaseSubmitted events), in id order: what messaging's campaigns backfill from.</summary>
    public override async Task<ListCaseHoldersReply> ListCaseHolders(ListCaseHoldersRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.ProcedureCode)) throw new RpcException(new Status(StatusCode.InvalidArgument, "procedure_code is required."));
        if (!DateTimeOffset.TryParse(request.SubmittedFrom, CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !DateTimeOffset.TryParse(request.SubmittedBefore, CultureInfo.InvariantCulture, DateTimeStyles.None, out var before))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "submitted_from and submitted_before must be ISO 8601 instants."));
        var size = Math.Clamp(request.PageSize, 1, 1000);
        var page = (await session.QueryAsync<CaseView>(
            "where tenant_id = ? and data ->> 'ProcedureCode' = ? and (data ->> 'SubmittedAt')::timestamptz >= ? and (data ->> 'SubmittedAt')::timestamptz < ? and id > ? order by id limit ?",
            context.CancellationToken, session.TenantId, request.ProcedureCode, from, before, request.AfterKey, size)).ToList();
        var reply = new ListCaseHoldersReply { NextKey = page.Count < size ? "" : page[^1].Id };
        foreach (var view in page.Where(v => v.CitizenId is not null))
            reply.Cases.Add(new CaseHolderItem
            {
                CaseId = view.CaseId.ToString(), CitizenId = view.CitizenId!.Value.ToString(),
                SubmittedAt = view.SubmittedAt.ToString("O", CultureInfo.InvariantCulture),
            });
        return reply;
    }
}
