using Grpc.Core;
using Microsoft.Extensions.Caching.Memory;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts.Grpc.Procedures.V1;

namespace Omnichannel.Queues.Procedures;

/// <summary>A procedure's average attention minutes, asked of the procedures catalogue over gRPC and cached
/// briefly: they decide the line (Point 0 up to 5 minutes, general up to 15).</summary>
public sealed class ProcedureAttention(ProcedureCatalogue.ProcedureCatalogueClient catalogue, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public async Task<int> MinutesOf(string procedureCode, string field, CancellationToken ct)
    {
        var key = $"attention:{RequestContext.TenantId}:{procedureCode}";
        if (cache.TryGetValue(key, out int minutes)) return minutes;
        try
        {
            var reply = await catalogue.GetProcedureAsync(new GetProcedureRequest { Code = procedureCode }, cancellationToken: ct);
            if (reply.Withdrawn) throw Rejection.Invalid(field, $"Procedure '{procedureCode}' has been withdrawn.");
            cache.Set(key, reply.AverageAttentionMinutes, CacheFor);
            return reply.AverageAttentionMinutes;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw Rejection.Invalid(field, $"There is no procedure '{procedureCode}'.");
        }
    }
}
