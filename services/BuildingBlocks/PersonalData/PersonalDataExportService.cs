using Grpc.Core;
using Marten;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.Contracts.Grpc.PersonalData.V1;

namespace Omnichannel.BuildingBlocks.PersonalData;

/// <summary>This service's records of one citizen, for the citizens service's access export (GDPR Art. 15): the same
/// events erasure would mask (those naming the citizen, and those of streams carrying one of their identities), with their data as stored. Mapped by every service (service tokens only, as every gRPC call).</summary>
public sealed class PersonalDataExportService(CitizenErasure records, IDocumentStore store, ServiceSetup setup) : PersonalDataExport.PersonalDataExportBase
{
    public override async Task<ExportReply> Export(ExportRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.CitizenId, out var citizenId))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "citizen_id is not a UUID."));
        var reply = new ExportReply { Service = setup.Name };
        // With the citizen's identity digests: a stream that carries one of their identities without naming them is theirs too.
        foreach (var e in await records.CitizenEventsAsync(RequestContext.RequiredTenantId, citizenId, context.CancellationToken, [.. request.IdentityDigests]))
            reply.Records.Add(new ExportRecord
            {
                Stream = e.StreamKey ?? e.StreamId.ToString(),
                Type = e.EventTypeName,
                At = e.Timestamp.UtcDateTime.ToString("O"),
                DataJson = store.Options.Serializer().ToJson(e.Data),
            });
        return reply;
    }
}
