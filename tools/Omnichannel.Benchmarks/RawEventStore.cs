using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Omnichannel.Procedures.Cases;

namespace Omnichannel.Benchmarks;

/// <summary>
/// The baseline: a hand-written event table with the columns of Marten's mt_events that carry data (event id,
/// stream key, version, JSON body, type names, timestamp, tenant, correlation id), the same keys and indexes
/// (global sequence primary key, one version per stream and tenant — the unique key that makes optimistic
/// concurrency work), written with plain parameterised INSERTs: one autocommit INSERT per single event, one
/// multi-row INSERT in a transaction per batch. What it does not have is Marten's own bookkeeping: the mt_streams
/// row per stream (and the foreign key to it), and the NOTIFY the services switch on.
/// </summary>
public sealed class RawEventStore(string connectionString, string schema)
{
    private const string Tenant = Omnichannel.Testing.Tokens.Tenant;
    private const string TypeName = "case_submitted";
    private static readonly string DotnetType = $"{typeof(CaseSubmitted).FullName}, {typeof(CaseSubmitted).Assembly.GetName().Name}";

    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    public string Table => $"{schema}.events";

    private string Insert => $"insert into {Table} (id, stream_id, version, data, type, tenant_id, correlation_id, dotnet_type) " +
                             "values ($1, $2, $3, $4, $5, $6, $7, $8)";

    private string InsertMany => $"insert into {Table} (id, version, data, stream_id, type, tenant_id, correlation_id, dotnet_type) " +
                                 "select e.id, e.version, e.data, $4, $5, $6, $7, $8 from unnest($1::uuid[], $2::bigint[], $3::jsonb[]) as e(id, version, data)";

    public async Task CreateAsync()
    {
        await using var command = dataSource.CreateCommand($"""
            create schema if not exists {schema};
            create sequence if not exists {schema}.events_sequence;
            create table if not exists {Table} (
                seq_id          bigint      not null default nextval('{schema}.events_sequence'),
                id              uuid        not null,
                stream_id       varchar     not null,
                version         bigint      not null,
                data            jsonb       not null,
                type            varchar(500) not null,
                timestamp       timestamptz not null default (transaction_timestamp()),
                tenant_id       varchar     not null default '*DEFAULT*',
                dotnet_type     varchar,
                correlation_id  varchar,
                is_archived     bool        default false,
                constraint pk_events primary key (seq_id),
                constraint uq_events_stream_version unique (tenant_id, stream_id, version)
            );
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<int> InsertSingleAsync()
    {
        var e = Payloads.NewCase();
        await using var command = dataSource.CreateCommand(Insert);
        AddParameters(command.Parameters, e, Case.StreamKey(e.CaseId), 1, Guid.NewGuid().ToString("N"));
        await command.ExecuteNonQueryAsync();
        return 1;
    }

    /// <summary>A batch is one multi-row INSERT (rows unnested from array parameters) in its own transaction:
    /// one statement, one round trip, one commit — the way a hand-written store would write a batch, and the
    /// same shape as Marten's append (one function call taking arrays).</summary>
    public async Task<int> InsertBatchAsync(int size)
    {
        var events = Payloads.NewBatch(size);
        var ids = new Guid[size];
        var versions = new long[size];
        var bodies = new string[size];
        for (var i = 0; i < size; i++)
        {
            ids[i] = Guid.CreateVersion7();
            versions[i] = i + 1;
            bodies[i] = JsonSerializer.Serialize(events[i]);
        }
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(InsertMany, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = versions });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = bodies, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Case.StreamKey(events[0].CaseId) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = TypeName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Tenant });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Guid.NewGuid().ToString("N") });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DotnetType });
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return size;
    }

    private static void AddParameters(NpgsqlParameterCollection parameters, CaseSubmitted e, string streamKey, long version, string correlation)
    {
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = streamKey });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(e), NpgsqlDbType = NpgsqlDbType.Jsonb });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = TypeName });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Tenant });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = correlation });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = DotnetType });
    }
}
