using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Omnichannel.Identity.Accounts;

/// <summary>Creates the accounts' and OpenIddict's tables when the schema has none yet. Not EnsureCreated: that looks
/// for any table in the database, and the other services' schemas share it. One replica at a time (an advisory lock).
/// A later change of the model needs EF migrations (none yet: this is the first version of the tables).</summary>
public static class IdentitySchema
{
    private const long LockId = 0x1D_E7_17_00;

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using (var take = new NpgsqlCommand($"select pg_advisory_lock({LockId})", connection))
                await take.ExecuteNonQueryAsync(cancellationToken);
            await using var exists = new NpgsqlCommand($"select to_regclass('\"{IdentityDb.Schema}\".\"AspNetUsers\"') is not null", connection);
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!) return;
            await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken);
        }
        finally
        {
            await using (var release = new NpgsqlCommand($"select pg_advisory_unlock({LockId})", connection))
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
