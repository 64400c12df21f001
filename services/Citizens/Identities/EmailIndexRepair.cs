using Marten;
using Npgsql;

namespace Omnichannel.Citizens.Identities;

/// <summary>
/// E-mail addresses are compared without case since the identity rules lower-case them whole; index entries written
/// before kept the local part as typed ("email:Maria.Garcia@example.com") and would no longer be found. At start-up
/// each such entry is moved to its lower-case key, in its own council, unless that key already belongs to another
/// citizen (the duplicate the old rule let in: left for staff to merge, counted in the log, no address in it).
/// Idempotent, and harmless when two processes run it at once (the loser's insert fails and is skipped).
/// </summary>
public sealed class EmailIndexRepair(IDocumentStore store, IConfiguration configuration, ILogger<EmailIndexRepair> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var table = store.Options.FindOrResolveDocumentType(typeof(IdentityIndexEntry)).TableName.QualifiedName;
        var legacy = new List<(string Tenant, string Id)>();
        await using (var connection = new NpgsqlConnection(configuration.GetConnectionString("Postgres")))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"select tenant_id, id from {table} where id like 'email:%' and id <> lower(id)", connection);
            try
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) legacy.Add((reader.GetString(0), reader.GetString(1)));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                return; // nothing was ever linked
            }
        }

        var moved = 0;
        var duplicates = 0;
        foreach (var (tenant, id) in legacy)
        {
            await using var session = store.LightweightSession(tenant);
            if (await session.LoadAsync<IdentityIndexEntry>(id, ct) is not { } entry) continue;
            var canonical = id.ToLowerInvariant();
            var existing = await session.LoadAsync<IdentityIndexEntry>(canonical, ct);
            if (existing is not null && existing.CitizenId != entry.CitizenId)
            {
                duplicates++;
                continue;
            }
            if (existing is null) session.Insert(new IdentityIndexEntry { Id = canonical, CitizenId = entry.CitizenId });
            session.Delete<IdentityIndexEntry>(id);
            try
            {
                await session.SaveChangesAsync(ct);
                moved++;
            }
            catch (JasperFx.DocumentAlreadyExistsException)
            {
                // another process moved it first
            }
        }
        if (legacy.Count > 0)
            logger.LogInformation("E-mail identity index: {Moved} entries moved to their lower-case key, {Duplicates} left where another citizen has the same address", moved, duplicates);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
