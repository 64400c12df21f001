using Grpc.Core;
using Microsoft.Extensions.Caching.Memory;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Procedures.V1;

namespace Omnichannel.Appointments.Slots;

public sealed record ProcedureInfo(string Code, Contracts.LocalizedText Name, TimeSpan SlotLength);

/// <summary>A procedure's slot length (from its average attention minutes) and name, asked of the procedures service
/// over gRPC and cached for a minute per council, so a flash crowd does not turn into a gRPC storm.</summary>
public sealed class ProcedureDurations(ProcedureCatalogue.ProcedureCatalogueClient catalogue, IMemoryCache cache)
{
    public async Task<ProcedureInfo> GetAsync(string procedureCode, CancellationToken ct)
    {
        var key = $"procedure:{RequestContext.RequiredTenantId}:{procedureCode}";
        if (cache.TryGetValue<ProcedureInfo>(key, out var cached) && cached is not null) return cached;
        try
        {
            var reply = await catalogue.GetProcedureAsync(new GetProcedureRequest { Code = procedureCode }, cancellationToken: ct);
            if (reply.Withdrawn) throw Rejection.Invalid("procedureCode", $"Procedure '{procedureCode}' has been withdrawn.");
            var info = new ProcedureInfo(reply.Code, new Contracts.LocalizedText(reply.Name.Ca, reply.Name.Es, reply.Name.En), SlotGrid.LengthFor(reply.AverageAttentionMinutes));
            cache.Set(key, info, TimeSpan.FromMinutes(1));
            return info;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw Rejection.NotFound($"There is no procedure '{procedureCode}'.");
        }
    }
}
