using Npgsql;

namespace Omnichannel.CrashTest;

/// <summary>What the services' own tables say: each publishing service's outbox against its event log, and the lines
/// the citizens' history holds per reference (a tracking code, an appointment code).</summary>
public sealed class Ledger(string connectionString, IReadOnlyList<string> schemas)
{
    private const string Outbox = "integration-events-outbox:All";

    /// <summary>For each service whose outbox has run: the last event it published and the last event stored.</summary>
    public async Task<Dictionary<string, (long Published, long Stored)>> OutboxesAsync()
    {
        var result = new Dictionary<string, (long, long)>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var schema in schemas)
        {
            try
            {
                await using var command = new NpgsqlCommand(
                    $"select (select last_seq_id from {schema}.mt_event_progression where name = @outbox), (select coalesce(max(seq_id), 0) from {schema}.mt_events)", connection);
                command.Parameters.AddWithValue("outbox", Outbox);
                await using var reader = await command.ExecuteReaderAsync();
                if (await reader.ReadAsync() && !reader.IsDBNull(0)) result[schema] = (reader.GetInt64(0), reader.GetInt64(1));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { } // not created yet
        }
        return result;
    }

    /// <summary>True once every outbox has published what was stored when <paramref name="stored"/> was read.</summary>
    public async Task<bool> CaughtUpWithAsync(Dictionary<string, (long Published, long Stored)> stored)
    {
        var now = await OutboxesAsync();
        return stored.All(s => now.TryGetValue(s.Key, out var n) && n.Published >= s.Value.Stored);
    }

    /// <summary>History lines of <paramref name="kind"/> per reference.</summary>
    public async Task<Dictionary<string, int>> HistoryLinesAsync(string kind)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select coalesce(data->>'Reference', data->>'reference'), count(*) from citizens.mt_events
            where type = 'interaction_recorded' and coalesce(data->>'Kind', data->>'kind') = @kind group by 1
            """, connection);
        command.Parameters.AddWithValue("kind", kind);
        var lines = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) if (!reader.IsDBNull(0)) lines[reader.GetString(0)] = (int)reader.GetInt64(1);
        return lines;
    }
}
