using System.Text;
using Npgsql;
using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.Messaging.Conversations;

/// <summary>
/// A conversation's stream key is a keyed pseudonym of its chat (<see cref="ConversationKeys"/>): it names no one, but
/// whoever holds the platform's secret finds the conversation again from a chat id. Erasure masks the events' fields and
/// also cuts that link: each of the citizen's conversations moves to a random key
/// (<c>conversation:{channel}:{account}:erased-{random}</c>), its events and every copy of the old key in the service's
/// tables (read models and claims keyed by it, broadcast memberships) with it. The channel and account stay (statistics
/// count by channel). A chat that writes again afterwards starts a new conversation. (Keys of the first shape, the chat id
/// itself, are moved at start-up by <see cref="ConversationKeyMigration"/>; one left behind is moved here all the same.)
/// </summary>
public sealed class ConversationKeyErasure(string schema) : IErasureParticipant
{
    public const string ErasedPrefix = "erased-";

    public async Task<IReadOnlyList<string>> EraseAsync(ErasureScope scope, NpgsqlConnection connection, CancellationToken ct)
    {
        var keys = scope.Events.Select(e => ConversationKeys.Parse(e.StreamKey)).OfType<ConversationKey>().Distinct()
            .Where(k => !k.IsErased)
            .ToList();
        if (keys.Count == 0) return [];

        var (streamColumns, copies) = await ColumnsAsync(connection, schema, ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var parsed in keys)
        {
            // Only the last part, the chat's, is replaced: the channel and account stay.
            var old = parsed.Key;
            var renamed = parsed.WithChat(ErasedPrefix + Guid.NewGuid().ToString("N"));
            // The stream row is copied under the new key, its events moved, then the old row dropped (the events' foreign key
            // never sees a stream missing).
            var select = string.Join(", ", streamColumns.Select(c => c == "id" ? "$1" : $"\"{c}\""));
            var columns = string.Join(", ", streamColumns.Select(c => $"\"{c}\""));
            await ExecuteAsync($"insert into {schema}.mt_streams ({columns}) select {select} from {schema}.mt_streams where id = $2 and tenant_id = $3");
            await ExecuteAsync($"update {schema}.mt_events set stream_id = $1 where stream_id = $2 and tenant_id = $3");
            await ExecuteAsync($"delete from {schema}.mt_streams where id = $2 and tenant_id = $3");

            // Every other copy of the key, whole (a chat id that begins another's is not cut out of it).
            foreach (var (table, column, type, tenanted) in copies)
            {
                var text = type is "jsonb" or "json" ? $"\"{column}\"::text" : $"\"{column}\"";
                var cast = type is "jsonb" or "json" ? $"::{type}" : "";
                await ExecuteAsync($"""
                    update {schema}."{table}" set "{column}" = regexp_replace({text}, $4, $1, 'g'){cast}
                    where position($2 in {text}) > 0{(tenanted ? " and tenant_id = $3" : "")}
                    """, Whole(old));
            }

            async Task ExecuteAsync(string sql, string? pattern = null)
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                command.Parameters.Add(new NpgsqlParameter { Value = renamed });
                command.Parameters.Add(new NpgsqlParameter { Value = old });
                command.Parameters.Add(new NpgsqlParameter { Value = scope.TenantId });
                if (pattern is not null) command.Parameters.Add(new NpgsqlParameter { Value = pattern });
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        await transaction.CommitAsync(ct);
        return [];
    }

    /// <summary>The key as a PostgreSQL regular expression matching it whole: every character literal, and not followed by
    /// one a chat id may go on with.</summary>
    internal static string Whole(string key)
    {
        var pattern = new StringBuilder(key.Length * 2);
        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c)) pattern.Append('\\');
            pattern.Append(c);
        }
        return pattern.Append("(?![A-Za-z0-9@._+-])").ToString();
    }

    /// <summary>The event streams' columns, and every text or JSON column of the service's other tables (with whether the
    /// table is per council).</summary>
    internal static async Task<(List<string> StreamColumns, List<(string Table, string Column, string Type, bool Tenanted)> Copies)> ColumnsAsync(
        NpgsqlConnection connection, string schema, CancellationToken ct, NpgsqlTransaction? transaction = null)
    {
        var all = new List<(string Table, string Column, string Type)>();
        await using (var command = new NpgsqlCommand("""
            select c.table_name, c.column_name, c.data_type from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
            where c.table_schema = $1 order by c.table_name, c.ordinal_position
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = schema });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) all.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        var tenanted = all.Where(c => c.Column == "tenant_id").Select(c => c.Table).ToHashSet();
        var streamColumns = all.Where(c => c.Table == "mt_streams").Select(c => c.Column).ToList();
        var copies = all.Where(c => c.Type is "text" or "character varying" or "jsonb" or "json"
                && c.Table is not ("mt_events" or "mt_streams" or "mt_event_progression") && c.Column != "tenant_id")
            .Select(c => (c.Table, c.Column, c.Type, tenanted.Contains(c.Table))).ToList();
        return (streamColumns, copies);
    }
}
