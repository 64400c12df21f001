using Npgsql;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Messaging.Conversations.Starting;

namespace Omnichannel.Messaging.Conversations;

/// <summary>The conversations whose chat is one of a citizen's identities (by digest, <see cref="IdentityDigest"/>), linked
/// to them or not: a chat that wrote before the citizen registered it keeps no citizen id. Its key is a pseudonym
/// (<see cref="ConversationKeys"/>), so the chat is read from the conversation's start (<see cref="ConversationStarted"/>);
/// a conversation already masked names no chat any more and is not found again.</summary>
public sealed class ConversationsByIdentity : IIdentityStreams
{
    public async Task<IReadOnlyList<string>> StreamsAsync(string tenantId, IReadOnlySet<string> identityDigests, NpgsqlConnection connection, CancellationToken ct)
    {
        // By Marten's naming convention (the store knows a type's name only once it has used it in this process).
        var started = JasperFx.Events.EventTypeExtensions.GetEventTypeName(typeof(ConversationStarted));
        var streams = new List<string>();
        await using var command = new NpgsqlCommand("""
            select stream_id, data ->> 'Channel', data ->> 'ChatId' from messaging.mt_events
            where tenant_id = $1 and type = $2 and stream_id like 'conversation:%'
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = started });
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (reader.IsDBNull(1) || reader.IsDBNull(2)) continue;
                var (channel, chat) = (reader.GetString(1), reader.GetString(2));
                if (identityDigests.Contains(IdentityDigest.Of(ConversationOpening.DirectoryKind(channel), ConversationOpening.DirectoryValue(channel, chat))))
                    streams.Add(reader.GetString(0));
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No conversation stored yet.
        }
        return streams.Distinct().ToList();
    }
}
