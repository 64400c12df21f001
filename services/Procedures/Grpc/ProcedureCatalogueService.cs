using Grpc.Core;
using Marten;
using Omnichannel.Contracts.Grpc.Procedures.V1;
using Omnichannel.Procedures.Catalogue;
using Omnichannel.Procedures.Catalogue.Browsing;

namespace Omnichannel.Procedures.Grpc;

/// <summary>The catalogue for other services (citizens' history, queues' line routing, appointments' slot length, kiosks' menus).</summary>
public sealed class ProcedureCatalogueService(IQuerySession session, TimeProvider clock) : ProcedureCatalogue.ProcedureCatalogueBase
{
    public override async Task<ProcedureReply> GetProcedure(GetProcedureRequest request, ServerCallContext context)
    {
        var view = await session.LoadAsync<ProcedureView>(Procedure.StreamKey(request.Code), context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"There is no procedure '{request.Code}'."));
        return ToReply(view);
    }

    public override async Task<ListProceduresReply> ListProcedures(ListProceduresRequest request, ServerCallContext context)
    {
        var all = await session.Query<ProcedureView>().Where(p => !p.Withdrawn).ToListAsync(context.CancellationToken);
        var outOfSeason = request.InSeasonOnly
            ? await BrowseCatalogueEndpoints.OutOfSeasonProcedures(session, clock, context.CancellationToken)
            : new HashSet<string>();
        var reply = new ListProceduresReply();
        reply.Procedures.AddRange(all
            .Where(p => !outOfSeason.Contains(p.Code))
            .Where(p => request.Channel.Length == 0 || p.Channels.Contains(request.Channel))
            .Where(p => request.Category.Length == 0 || p.Category == request.Category)
            .Where(p => request.Text.Length == 0 || p.Matches(request.Text))
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .Select(ToReply));
        return reply;
    }

    private static ProcedureReply ToReply(ProcedureView view)
    {
        var reply = new ProcedureReply
        {
            Code = view.Code,
            Category = view.Category,
            Name = Text(view.Names),
            Guidance = Text(view.Guidance),
            AverageAttentionMinutes = view.AverageAttentionMinutes,
            AttachmentsRequired = view.AttachmentsRequired,
            EOfficeUrl = view.EOfficeUrl ?? "",
            Withdrawn = view.Withdrawn,
        };
        reply.Channels.AddRange(view.Channels);
        reply.DocumentsRequired.AddRange(view.DocumentsRequired.Select(Text));
        reply.Keywords.AddRange(view.Keywords);
        return reply;
    }

    private static LocalizedText Text(Contracts.LocalizedText text) => new() { Ca = text.Ca, Es = text.Es, En = text.En };
}
