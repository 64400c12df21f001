using Microsoft.Extensions.Logging;
using Npgsql;

namespace Omnichannel.BuildingBlocks.Watching;

/// <summary>
/// Which replica does a service's background pass: the one holding a PostgreSQL advisory lock (session level, on a
/// connection it keeps open). Another replica tries each pass and takes over once the leader's connection is gone (a
/// crash, a deploy); the lock needs no table and no clean-up. Passes must stay safe without it (optimistic
/// concurrency); the lock only spares the other replicas the same work.
/// </summary>
public sealed class Leadership(string connectionString, long lockKey, string name, ILogger logger) : IAsyncDisposable
{
    private NpgsqlConnection? held;

    public bool IsLeader => held is { State: System.Data.ConnectionState.Open };

    /// <summary>Whether this replica leads now: it keeps the lock it has (checked alive), or takes it if it is free.</summary>
    public async Task<bool> TryLeadAsync(CancellationToken ct)
    {
        if (held is { } current)
        {
            try
            {
                await using var ping = new NpgsqlCommand("select 1", current);
                await ping.ExecuteScalarAsync(ct);
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                await LetGoAsync();
            }
        }
        // Its own physical connection, not a pooled one: a pooled connection "closed" would keep the lock in the pool.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var take = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = lockKey } } };
        if ((bool)(await take.ExecuteScalarAsync(ct))!)
        {
            held = connection;
            logger.LogInformation("{Watch}: this replica leads.", name);
            return true;
        }
        await connection.DisposeAsync();
        return false;
    }

    /// <summary>Gives the lead up (closing the connection releases the lock).</summary>
    public async Task LetGoAsync()
    {
        // Taken out first, so a second caller (the stop while a failed pass lets go) finds nothing to close.
        if (Interlocked.Exchange(ref held, null) is not { } connection) return;
        // Closing the connection releases the lock whatever else fails: a stop racing a pass still on this connection
        // (seen as Npgsql's ArgumentOutOfRangeException or a NullReferenceException while the test hosts stopped) must
        // not fail the stop.
        try
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock_all()", connection);
            await unlock.ExecuteNonQueryAsync();
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "{Watch}: unlocking failed; closing the connection releases the lock.", name);
        }
        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "{Watch}: closing the lock's connection failed.", name);
        }
    }

    public async ValueTask DisposeAsync() => await LetGoAsync();
}
