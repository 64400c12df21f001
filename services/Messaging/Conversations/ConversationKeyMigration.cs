using Npgsql;

namespace Omnichannel.Messaging.Conversations;

/// <summary>
/// Conversations stored before keys were pseudonyms (<see cref="ConversationKeys"/>) are keyed by their chat id. At start-up,
/// before the webhooks, the daemon or the senders run, each such stream moves to its pseudonymous key — its events, and
/// every copy of the old key in the service's tables (the conversation's view, its e-mail thread, claims, broadcast
/// memberships) — in one transaction, so lookups only ever know one shape. Replicas starting together wait for each other
/// on an advisory lock; the second finds nothing left to move. A stream whose pseudonymous key already exists (written
/// by a replica of the previous version during a rollout) is left as it is and reported: it moves on no later start either,
/// and its history is read under the old key only by SQL.
/// </summary>
public sealed class ConversationKeyMigration(ConversationKeys keys, IConfiguration configuration, ILogger<ConversationKeyMigration> logger)
    : IHostedLifecycleService
{
    private const string Schema = "messaging";
    // pg_advisory_xact_lock's key: any constant of this service's own ("conv-key" in ASCII).
    private const long LockKey = 0x636F6E762D6B6579;

    public async Task StartingAsync(CancellationToken ct)
    {
        var (moved, left) = await MigrateAsync(ct);
        if (moved > 0 || left > 0)
            logger.LogInformation("Conversation keys: {Moved} conversations moved to pseudonymous keys, {Left} left (their new key already taken)", moved, left);
    }

    /// <summary>Moves every first-shape conversation; returns how many moved and how many could not.</summary>
    public async Task<(int Moved, int Left)> MigrateAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(configuration.GetConnectionString("Postgres"));
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync($"select pg_advisory_xact_lock({LockKey})");

        var streams = new List<(string Id, string Tenant)>();
        try
        {
            await using var list = new NpgsqlCommand($"select id, tenant_id from {Schema}.mt_streams where id like 'conversation:%'", connection, transaction);
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) streams.Add((reader.GetString(0), reader.GetString(1)));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return (0, 0); // a new database: nothing stored yet
        }
        var existing = streams.ToHashSet();
        var moves = streams.Where(s => ConversationKeys.IsLegacy(s.Id)).Select(s => (s.Tenant, Old: s.Id, New: keys.Moved(s.Id))).ToList();
        var blocked = moves.Where(m => existing.Contains((m.New, m.Tenant))).ToList();
        moves = moves.Except(blocked).ToList();
        if (moves.Count == 0)
        {
            await transaction.CommitAsync(ct);
            return (0, blocked.Count);
        }

        await ExecuteAsync("create temporary table conversation_key_moves (tenant_id text, old text, new text) on commit drop");
        await using (var fill = new NpgsqlCommand("insert into conversation_key_moves select * from unnest($1::text[], $2::text[], $3::text[])", connection, transaction))
        {
            fill.Parameters.Add(new NpgsqlParameter { Value = moves.Select(m => m.Tenant).ToArray() });
            fill.Parameters.Add(new NpgsqlParameter { Value = moves.Select(m => m.Old).ToArray() });
            fill.Parameters.Add(new NpgsqlParameter { Value = moves.Select(m => m.New).ToArray() });
            await fill.ExecuteNonQueryAsync(ct);
        }
        var (streamColumns, copies) = await ConversationKeyErasure.ColumnsAsync(connection, Schema, ct, transaction);
        // The stream rows copied under the new keys, the events moved, the old rows dropped (the events' foreign key never
        // sees a stream missing).
        var columns = string.Join(", ", streamColumns.Select(c => $"\"{c}\""));
        var select = string.Join(", ", streamColumns.Select(c => c == "id" ? "m.new" : $"s.\"{c}\""));
        await ExecuteAsync($"insert into {Schema}.mt_streams ({columns}) select {select} from {Schema}.mt_streams s join conversation_key_moves m on s.id = m.old and s.tenant_id = m.tenant_id");
        await ExecuteAsync($"update {Schema}.mt_events e set stream_id = m.new from conversation_key_moves m where e.stream_id = m.old and e.tenant_id = m.tenant_id");
        await ExecuteAsync($"delete from {Schema}.mt_streams s using conversation_key_moves m where s.id = m.old and s.tenant_id = m.tenant_id");

        // Every copy of an old key in the other tables, rewritten row by row (a key inside a longer text — "{topic}|{key}" —
        // too; a chat id that merely begins another's is not taken for it).
        var renamed = moves.GroupBy(m => m.Old).ToDictionary(g => g.Key, g => g.First().New, StringComparer.Ordinal);
        foreach (var (table, column, type, _) in copies)
        {
            var text = type is "jsonb" or "json" ? $"\"{column}\"::text" : $"\"{column}\"";
            var rows = new List<(string Row, string Text)>();
            await using (var find = new NpgsqlCommand($"select ctid::text, {text} from {Schema}.\"{table}\" where position('conversation:' in {text}) > 0", connection, transaction))
            await using (var reader = await find.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) rows.Add((reader.GetString(0), reader.GetString(1)));
            foreach (var (row, value) in rows)
            {
                var rewritten = Rewrite(value, renamed);
                if (rewritten == value) continue;
                await using var update = new NpgsqlCommand(
                    $"update {Schema}.\"{table}\" set \"{column}\" = $1{(type is "jsonb" or "json" ? "::" + type : "")} where ctid = $2::tid", connection, transaction);
                update.Parameters.Add(new NpgsqlParameter { Value = rewritten });
                update.Parameters.Add(new NpgsqlParameter { Value = row });
                await update.ExecuteNonQueryAsync(ct);
            }
        }
        await transaction.CommitAsync(ct);
        return (moves.Count, blocked.Count);

        async Task ExecuteAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The text with every whole old key replaced: at each "conversation:", the longest run of key characters, cut
    /// back at its colons until it is a known key not followed by a character a chat id may go on with.</summary>
    internal static string Rewrite(string text, IReadOnlyDictionary<string, string> renamed)
    {
        var result = new System.Text.StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            var start = text.IndexOf(ConversationKeys.Prefix, at, StringComparison.Ordinal);
            if (start < 0) break;
            var end = start;
            while (end < text.Length && (KeyCharacter(text[end]) || text[end] == ':')) end++;
            string? found = null;
            for (var cut = end; cut > start + ConversationKeys.Prefix.Length; cut = text.LastIndexOf(':', cut - 1, cut - start))
            {
                if ((cut == text.Length || !KeyCharacter(text[cut])) && renamed.ContainsKey(text[start..cut]))
                {
                    found = text[start..cut];
                    break;
                }
                if (cut - 1 < start) break;
            }
            result.Append(text, at, start - at);
            if (found is null)
            {
                result.Append(text, start, ConversationKeys.Prefix.Length);
                at = start + ConversationKeys.Prefix.Length;
            }
            else
            {
                result.Append(renamed[found]);
                at = start + found.Length;
            }
        }
        return result.Append(text, at, text.Length - at).ToString();
    }

    private static bool KeyCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '@' or '.' or '_' or '+' or '-';

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
