using Npgsql;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Messaging.Conversations.Starting;

namespace Omnichannel.Messaging.Conversations;

/// <summary>The conversations whose chat is one of a citizen's identities (by digest, <see cref="IdentityDigest"/>), linked
/// to them or not: a chat that wrote before the citizen registered it keeps no citizen id, but its key names the chat
/// (<see cref="Conversation.StreamKey"/>), the identity the directory knows it by.</summary>
public sealed class ConversationsByIdentity : IIdentityStreams
{
    public async Task<IReadOnlyList<string>> StreamsAsync(string tenantId, IReadOnlySet<string> identityDigests, NpgsqlConnection connection, CancellationToken ct)
    {
        var streams = new List<string>();
        await using var command = new NpgsqlCommand("select id from messaging.mt_streams where tenant_id = $1 and id like 'conversation:%'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = reader.GetString(0);
                // conversation:{channel}:{account}:{chatId}
                var parts = key.Split(':', 4);
                if (parts.Length == 4 && identityDigests.Contains(IdentityDigest.Of(
                        ConversationOpening.DirectoryKind(parts[1]), ConversationOpening.DirectoryValue(parts[1], parts[3]))))
                    streams.Add(key);
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No conversation stored yet.
        }
        return streams;
    }
}
