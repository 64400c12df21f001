using System.Text;
using JasperFx.Events;
using Marten;
using MassTransit;
using Npgsql;
using Omnichannel.BuildingBlocks.Messaging;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.BuildingBlocks.PersonalData;

/// <summary>A service erased a citizen's personal data (stored in its own event store, so the confirmation leaves
/// through its outbox as <see cref="V1.CitizenDataErased"/>).</summary>
public sealed record CitizenErasureDone(Guid CitizenId, Guid RequestId, int EventsMasked, [NotPersonal] IReadOnlyList<string> KeptByLaw, DateTimeOffset At)
{
    public static string StreamKey(Guid requestId) => $"erasure:{requestId:N}";
}

/// <summary>What one service erases for a citizen: the events found, and every personal value they held.</summary>
public sealed record ErasureScope(string TenantId, Guid CitizenId, IReadOnlyList<IEvent> Events, IReadOnlyList<string> PersonalValues);

/// <summary>The digest of one identity as the citizens directory keys it (<c>kind:value</c>): SHA-256, lower-case hex. The
/// erasure request carries the citizen's digests, never the identities.</summary>
public static class IdentityDigest
{
    public static string Of(string kind, string value) => OfKey($"{kind}:{value}");

    public static string OfKey(string key) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

/// <summary>Streams of a service that carry one of a citizen's identities without naming the citizen (a chat that wrote
/// before it was known): erasure masks them with the citizen's own.</summary>
public interface IIdentityStreams
{
    Task<IReadOnlyList<string>> StreamsAsync(string tenantId, IReadOnlySet<string> identityDigests, NpgsqlConnection connection, CancellationToken ct);
}

/// <summary>A service's own part of an erasure beyond its streams and documents: attachments' bytes, an identity index,
/// tables of its own. Returns what it keeps because the council must (said in the confirmation).</summary>
public interface IErasureParticipant
{
    Task<IReadOnlyList<string>> EraseAsync(ErasureScope scope, NpgsqlConnection connection, CancellationToken ct);
}

/// <summary>
/// Erases one citizen's personal data in this service (GDPR Art. 17), with Marten's masking rules
/// (<see cref="PersonalDataMasking"/>): the events stay — streams replay, statistics still count them — with their personal
/// fields blanked by <c>ApplyEventDataMasking</c>. The citizen's events are those that name the citizen and every event of a
/// stream that names them and no other citizen (a case, an incident, an appointment, a conversation): a shared stream (an
/// office's day, a slot) loses only the citizen's own events. Read models and the service's other tables then lose every personal
/// value those events held. Masking what is already masked changes nothing, so running it twice is harmless.
/// </summary>
public sealed class CitizenErasure(IDocumentStore store, ServiceSetup setup, IEnumerable<IErasureParticipant> participants, TimeProvider clock,
    Microsoft.Extensions.Configuration.IConfiguration configuration, IEnumerable<IIdentityStreams> identityStreams)
{
    public async Task<(int EventsMasked, IReadOnlyList<string> KeptByLaw)> EraseAsync(string tenantId, Guid citizenId, CancellationToken ct,
        IReadOnlyList<string>? identityDigests = null)
    {
        var schema = setup.Name;
        var events = await CitizenEventsAsync(tenantId, citizenId, ct, identityDigests);
        var values = events.SelectMany(e => PersonalFields.PersonalValues(e.Data)).Distinct().OrderByDescending(v => v.Length).ToList();

        // Only events still holding a personal value: masking again would rewrite them (and their header) for nothing.
        var masked = events.Where(e => PersonalFields.HasPersonal(e.EventType) && PersonalFields.PersonalValues(e.Data).Any()).ToList();
        if (masked.Count > 0)
            await store.Advanced.ApplyEventDataMasking(x =>
            {
                x.ForTenant(tenantId);
                foreach (var stream in masked.GroupBy(e => e.StreamKey!))
                {
                    var sequences = stream.Select(e => e.Sequence).ToHashSet();
                    x.IncludeStream(stream.Key, e => sequences.Contains(e.Sequence));
                }
                x.AddHeader("erased-at", clock.GetUtcNow());
            }, ct);

        var kept = new List<string>();
        await using var connection = await OpenAsync(ct);
        // The service's own part first (an index keyed by a value goes before the value is blanked in its key).
        var scope = new ErasureScope(tenantId, citizenId, events, values);
        foreach (var participant in participants)
            kept.AddRange(await participant.EraseAsync(scope, connection, ct));
        await ScrubTablesAsync(connection, store, schema, tenantId, values, ct);
        return (masked.Count, kept);
    }

    /// <summary>The citizen's events in this service (see the class summary), oldest first: what erasure masks and what
    /// the access export lists.</summary>
    public async Task<IReadOnlyList<IEvent>> CitizenEventsAsync(string tenantId, Guid citizenId, CancellationToken ct,
        IReadOnlyList<string>? identityDigests = null)
    {
        var found = await FindAsync(setup.Name, tenantId, citizenId, ct);
        if (identityDigests is { Count: > 0 })
        {
            // Streams carrying one of their identities though never linked to them: all their events are the citizen's.
            var digests = identityDigests.ToHashSet(StringComparer.Ordinal);
            await using var connection = await OpenAsync(ct);
            foreach (var finder in identityStreams)
                foreach (var stream in await finder.StreamsAsync(tenantId, digests, connection, ct))
                {
                    await using var lookup = store.QuerySession(tenantId);
                    found.AddRange((await lookup.Events.FetchStreamAsync(stream, token: ct)).Select(e => new Found(stream, e.Sequence)));
                }
            found = found.DistinctBy(f => f.Sequence).ToList();
        }
        var events = new List<IEvent>();
        await using var query = store.QuerySession(tenantId);
        foreach (var stream in found.GroupBy(f => f.Stream))
        {
            var sequences = stream.Select(f => f.Sequence).ToHashSet();
            events.AddRange((await query.Events.FetchStreamAsync(stream.Key, token: ct)).Where(e => sequences.Contains(e.Sequence)));
        }
        return events.OrderBy(e => e.Sequence).ToList();
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(Microsoft.Extensions.Configuration.ConfigurationExtensions.GetConnectionString(configuration, "Postgres"));
        await connection.OpenAsync(ct);
        return connection;
    }

    private sealed record Found(string Stream, long Sequence);

    /// <summary>The citizen's events: those naming the citizen, and every event of a stream whose key names them, or that
    /// names them and no other citizen (a conversation linked to them after its first message is theirs too).</summary>
    private async Task<List<Found>> FindAsync(string schema, string tenantId, Guid citizenId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            with own as (
                select distinct s.stream_id from {schema}.mt_events s
                where s.tenant_id = $1 and (s.stream_id like '%' || $3 || '%' or (s.data::text like '%' || $2 || '%'
                  -- a stream shared with other citizens (an office's day, a slot) is not theirs: only their own events are
                  and not exists (select 1 from {schema}.mt_events o, jsonb_path_query(o.data, 'lax $.**.CitizenId') c
                                  where o.tenant_id = $1 and o.stream_id = s.stream_id and jsonb_typeof(c) = 'string' and c <> to_jsonb($2::text)))))
            select stream_id, seq_id from {schema}.mt_events
            where tenant_id = $1 and stream_id not like 'erasure:%'
              and (stream_id in (select stream_id from own) or data::text like '%' || $2 || '%')
            order by seq_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = citizenId.ToString("D") });
        command.Parameters.Add(new NpgsqlParameter { Value = citizenId.ToString("N") });
        var found = new List<Found>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) found.Add(new Found(reader.GetString(0), reader.GetInt64(1)));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A service that has stored no event yet has no event table.
        }
        return found;
    }

    /// <summary>Every copy of the erased values left in the council's rows of the service's read models and tables
    /// (documents, views, indexes): Marten's masking rewrites events only; the projected documents hold copies. The
    /// council's own documents (<see cref="NotPersonalAttribute"/> on their type) are left as staff wrote them, and a JSON
    /// object's keys are never taken for values.</summary>
    internal static async Task ScrubTablesAsync(NpgsqlConnection connection, IDocumentStore store, string schema, string tenantId,
        IReadOnlyList<string> values, CancellationToken ct)
    {
        if (values.Count == 0) return;
        var councils = store.Options.AllKnownDocumentTypes()
            .Where(t => t.DocumentType.IsDefined(typeof(NotPersonalAttribute), inherit: false))
            .Select(t => t.TableName.Name).ToArray();
        var columns = new List<(string Table, string Column, string Type, bool Tenanted)>();
        await using (var command = new NpgsqlCommand("""
            select c.table_name, c.column_name, c.data_type,
                   exists (select 1 from information_schema.columns t
                           where t.table_schema = c.table_schema and t.table_name = c.table_name and t.column_name = 'tenant_id')
            from information_schema.columns c
            where c.table_schema = $1 and c.data_type in ('text', 'character varying', 'jsonb', 'json')
              and c.table_name not in ('mt_events', 'mt_streams', 'mt_event_progression') and c.table_name <> all($2)
              and c.column_name <> 'tenant_id'
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = schema });
            command.Parameters.Add(new NpgsqlParameter { Value = councils });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        }
        var masked = PersonalFields.Masked;
        foreach (var (table, column, type, tenanted) in columns)
            foreach (var value in values)
            {
                var json = type is "jsonb" or "json";
                var text = json ? $"\"{column}\"::text" : $"\"{column}\"";
                var set = $"update {schema}.\"{table}\" set \"{column}\" = ";
                // Another council's rows are not theirs, whatever they hold.
                var council = tenanted ? " and tenant_id = $5" : "";
                // A whole value wherever it is a whole JSON string (a value, not a key: a key is followed by its colon) or a
                // column's value; inside longer texts only a value long enough to be theirs (a phone, an address, a
                // sentence) — a first name is not cut out of other words.
                var sql = json
                    ? $"{set}regexp_replace({text}, $4, $2, 'g')::{type} where {text} like '%' || $3 || '%'{council}"
                    : $"{set}$2 where {text} = $1{council}";
                await Execute(sql, json ? $"\"{JsonEscaped(value)}\"" : value, json ? $"\"{masked}\"" : masked,
                    json ? Literally($"\"{JsonEscaped(value)}\"") + "(?![[:space:]]*:)" : null);
                if (value.Length >= 8)
                {
                    // Only where it stands on its own: a chat number is not cut out of a longer one (someone else's chat,
                    // a key or an id that merely contains theirs).
                    var inner = json ? JsonEscaped(value) : value;
                    await Execute($"{set}regexp_replace({text}, $4, $2, 'g'){(json ? "::" + type : "")} where {text} like '%' || $3 || '%'{council}",
                        inner, masked, StandingAlone(inner));
                }
            }

        async Task Execute(string sql, string needle, string replacement, string? pattern = null)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            // $1 the value, $2 its mask, $3 the value for LIKE, $4 the pattern, $5 the council: each statement uses some.
            foreach (var parameter in new[] { needle, replacement, EscapedLike(needle), pattern ?? "", tenantId })
                command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A PostgreSQL regular expression matching the value literally, not preceded or followed by a letter or digit.</summary>
    internal static string StandingAlone(string value) => $"(?<![[:alnum:]]){Literally(value)}(?![[:alnum:]])";

    /// <summary>A PostgreSQL regular expression matching the value literally.</summary>
    private static string Literally(string value)
    {
        var pattern = new StringBuilder(value.Length * 2);
        // ASCII punctuation is what a regular expression gives meaning to; a backslash before it makes it literal.
        foreach (var c in value)
            pattern.Append(char.IsAscii(c) && !char.IsAsciiLetterOrDigit(c) ? "\\" + c : c.ToString());
        return pattern.ToString();
    }

    /// <summary>A string as PostgreSQL writes it inside jsonb text (only quotes, backslashes and control characters escaped).</summary>
    private static string JsonEscaped(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return builder.ToString();
    }

    private static string EscapedLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}

/// <summary>Every service that holds citizens' data hears an erasure request, erases, and confirms through its outbox.
/// A redelivered request is skipped by its processed-message mark, a second copy of it by its confirmation already stored;
/// were it run again, masking masked data changes nothing.</summary>
public sealed class CitizenErasureRequestedConsumer(IDocumentStore store, CitizenErasure erasure, TimeProvider clock)
    : IdempotentConsumer<V1.CitizenErasureRequested>(store)
{
    protected override async Task HandleAsync(ConsumeContext<V1.CitizenErasureRequested> context, IDocumentSession session)
    {
        if (context.Message.CitizenId is not { } citizenId) return;
        // A second copy of a request already done (published again under another message id) confirms nothing twice.
        var stream = CitizenErasureDone.StreamKey(context.Message.RequestId);
        if (await session.Events.FetchStreamStateAsync(stream, context.CancellationToken) is not null) return;
        var (masked, kept) = await erasure.EraseAsync(context.Message.TenantId, citizenId, context.CancellationToken, context.Message.IdentityDigests);
        // Started, not appended: of two copies erasing at once only one confirmation is saved (the other fails and is retried).
        session.Events.StartStream(stream, new CitizenErasureDone(citizenId, context.Message.RequestId, masked, kept, clock.GetUtcNow()));
    }
}

/// <summary>The confirmation every service's outbox publishes, whatever its own mapper says.</summary>
public static class ErasureOutbox
{
    public static Contracts.IIntegrationEvent? Map(IEvent stored, string source) => stored.Data is CitizenErasureDone done
        ? new V1.CitizenDataErased(stored.TenantId, done.At, done.CitizenId, null, done.RequestId, source[(source.LastIndexOf('/') + 1)..],
            done.EventsMasked, done.KeptByLaw)
        : null;
}

/// <summary>Deletes the bytes of files a citizen's events name by SHA-256 from a <see cref="Files.ContentTable"/>
/// (incidents' attachments, messaging's files).</summary>
public sealed partial class ContentErasure(string schema, string tableName) : IErasureParticipant
{
    public async Task<IReadOnlyList<string>> EraseAsync(ErasureScope scope, NpgsqlConnection connection, CancellationToken ct)
    {
        var hashes = HashesOf(scope);
        if (hashes.Count == 0) return [];
        await using var command = new NpgsqlCommand($"delete from {schema}.{tableName} where sha256 = any($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (await OnlyTheirsAsync(scope, hashes, schema, connection, ct)).ToArray() });
        try { await command.ExecuteNonQueryAsync(ct); }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { }
        return [];
    }

    /// <summary>The SHA-256 hashes of the files the citizen's events name.</summary>
    public static IReadOnlyList<string> HashesOf(ErasureScope scope) => scope.Events
        .SelectMany(e => Sha256().Matches(System.Text.Json.JsonSerializer.Serialize(e.Data, e.Data.GetType())).Select(m => m.Value))
        .Distinct().ToArray();

    /// <summary>Of <paramref name="hashes"/>, those no event outside the citizen's still names: the same bytes uploaded to
    /// another citizen's record (files are stored once by hash) stay theirs.</summary>
    public static async Task<IReadOnlyList<string>> OnlyTheirsAsync(ErasureScope scope, IReadOnlyList<string> hashes, string schema,
        NpgsqlConnection connection, CancellationToken ct)
    {
        var theirs = new List<string>();
        var sequences = scope.Events.Select(e => e.Sequence).ToArray();
        foreach (var hash in hashes)
        {
            await using var command = new NpgsqlCommand(
                $"select exists (select 1 from {schema}.mt_events where tenant_id = $1 and position($2 in data::text) > 0 and seq_id <> all($3))", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = scope.TenantId });
            command.Parameters.Add(new NpgsqlParameter { Value = hash });
            command.Parameters.Add(new NpgsqlParameter { Value = sequences });
            if (!(bool)(await command.ExecuteScalarAsync(ct))!) theirs.Add(hash);
        }
        return theirs;
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")]
    private static partial System.Text.RegularExpressions.Regex Sha256();
}

/// <summary>What a service keeps, masked to the minimum, because the council must keep it by law: said in its
/// confirmation and on the erasure request.</summary>
public sealed class KeptByLaw(params string[] records) : IErasureParticipant
{
    public Task<IReadOnlyList<string>> EraseAsync(ErasureScope scope, NpgsqlConnection connection, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>(records);
}
