using Npgsql;
using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.Incidents.Attachments;

/// <summary>A citizen's erasure deletes the bytes of the files their incidents name, through whichever store holds them
/// (PostgreSQL or an S3-compatible bucket): the events keep only the hash, type and size. Bytes another citizen's record
/// also names (stored once by hash) stay.</summary>
public sealed class AttachmentErasure(IAttachmentStore attachments) : IErasureParticipant
{
    public async Task<IReadOnlyList<string>> EraseAsync(ErasureScope scope, NpgsqlConnection connection, CancellationToken ct)
    {
        var hashes = ContentErasure.HashesOf(scope);
        if (hashes.Count == 0) return [];
        foreach (var hash in await ContentErasure.OnlyTheirsAsync(scope, hashes, "incidents", connection, ct))
            await attachments.DeleteAsync(hash, ct);
        return [];
    }
}
