using Grpc.Core;
using Microsoft.Extensions.Caching.Memory;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Procedures.V1;
using LocalizedText = Omnichannel.Contracts.LocalizedText;

namespace Omnichannel.Citizens.History;

/// <summary>A procedure's name in the three languages, asked of the procedures service and cached:
/// a history line says "Census certificate", not "census-certificate".</summary>
public sealed class ProcedureNames(ProcedureCatalogue.ProcedureCatalogueClient catalogue, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    public async Task<LocalizedText> Of(string procedureCode, CancellationToken ct)
    {
        var key = $"procedure-name:{RequestContext.TenantId}:{procedureCode}";
        if (cache.TryGetValue(key, out LocalizedText? cached)) return cached!;
        try
        {
            var reply = await catalogue.GetProcedureAsync(new GetProcedureRequest { Code = procedureCode }, cancellationToken: ct);
            var name = new LocalizedText(reply.Name.Ca, reply.Name.Es, reply.Name.En);
            cache.Set(key, name, CacheFor);
            return name;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // Gone from the catalogue: the code is still better than losing the interaction.
            return new LocalizedText(procedureCode, procedureCode, procedureCode);
        }
        // Any other failure throws: the message is retried, and the history waits rather than lies.
    }
}
