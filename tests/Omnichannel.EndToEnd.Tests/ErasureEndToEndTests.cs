using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.BuildingBlocks.PersonalData;
using V1 = Omnichannel.Contracts.V1;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>
/// A citizen's erasure (GDPR Art. 17) across every service, against the real database and broker: staff with the
/// data-protection role record it at the citizens service, every service masks the citizen's personal fields in its
/// streams (Marten's masking rules) and read models and confirms; afterwards no personal value of the citizen is left in
/// any text or JSON column of any schema, the streams still rebuild their projections, and the counts are unchanged.
/// </summary>
[Collection(Collections.Erasure)]
public sealed class ErasureEndToEndTests(Platform platform)
{
    [Fact]
    public async Task An_erasure_leaves_no_personal_value_in_any_table_while_streams_rebuild_and_counts_stay()
    {
        var seeded = await SeededCitizen.SeedAsync(platform);
        var (citizen, incidentId, phone, email) = (seeded.CitizenId, seeded.IncidentId, seeded.Phone, seeded.Email);
        var app = platform.AsChannelApp();
        var staff = platform.AsStaff();
        var history = await staff.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/history?lang=ca&pageSize=100&reason=citizen-request");

        var values = seeded.PersonalValues;
        Assert.NotEmpty(await WhereAsync(values)); // the search finds them before
        var eventsBefore = await EventCountsAsync();
        var month = DateTimeOffset.UtcNow.ToString("yyyy-MM");
        var indicatorsBefore = await staff.GetStringAsync($"/api/incidents/indicators/{month}");
        var kioskUsageBefore = await staff.GetStringAsync("/api/kiosks/usage");

        // Only the data-protection role may ask.
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"/api/citizens/{citizen}/erasure", null)).StatusCode);
        var dpo = platform.Gateway.Client(platform.Tokens.DataProtectionOfficer());
        var requested = await dpo.PostAsync($"/api/citizens/{citizen}/erasure", null);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await dpo.PostAsync($"/api/citizens/{citizen}/erasure", null)).StatusCode);

        var done = await Eventually.Until(() => dpo.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/erasure"),
            r => r.GetProperty("complete").GetBoolean(), TimeSpan.FromSeconds(60), "every service to confirm the erasure");
        var confirmed = done.GetProperty("confirmed").EnumerateArray().Select(c => c.GetProperty("service").GetString()).Order().ToList();
        Assert.Equal(["appointments", "citizens", "incidents", "kiosks", "messaging", "procedures", "queues"], confirmed);
        Assert.All(done.GetProperty("confirmed").EnumerateArray(), c => Assert.True(c.GetProperty("confirmedAt").GetDateTimeOffset() > DateTimeOffset.UnixEpoch));
        Assert.Contains(done.GetProperty("keptByLaw").EnumerateArray(), k => k.GetString()!.StartsWith("procedures: the registry entry"));

        Assert.Empty(await WhereAsync(values));
        // The identities no longer resolve.
        Assert.Equal(HttpStatusCode.NotFound, (await app.PostAsJsonAsync("/api/citizens/lookup", new { kind = "phone", value = phone })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.PostAsJsonAsync("/api/citizens/lookup", new { kind = "email", value = email })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.PostAsJsonAsync("/api/citizens/lookup", new { kind = "telegram", value = seeded.TelegramChat.ToString() })).StatusCode);

        // Analysts' exports (the analytics service's, the CLI's implementation) hold none of it: pseudonymised, not even
        // the masked placeholder; as stored, only the placeholder.
        foreach (var service in Everywhere)
        {
            var pseudonymised = await staff.GetStringAsync($"/api/analytics/export?service={service}");
            var asStored = await staff.GetStringAsync($"/api/analytics/export?service={service}&pseudonymise=false");
            Assert.Contains(citizen.ToString(), asStored); // the citizen's events are in the export, masked
            Assert.All(values, v => Assert.DoesNotContain(v, asStored));
            Assert.All(values, v => Assert.DoesNotContain(v, pseudonymised));
            Assert.DoesNotContain($"\"{PersonalFields.Masked}\"", pseudonymised);
        }

        // Events stay (statistics still count them) and the streams rebuild their projections from the masked events.
        Assert.Equal(eventsBefore, (await EventCountsAsync()).Where(c => eventsBefore.ContainsKey(c.Key)).ToDictionary());
        Assert.Equal(indicatorsBefore, await staff.GetStringAsync($"/api/incidents/indicators/{month}"));
        Assert.Equal(kioskUsageBefore, await staff.GetStringAsync("/api/kiosks/usage"));
        var citizens = platform.Citizens.Services.GetRequiredService<IDocumentStore>();
        await citizens.Advanced.RebuildSingleStreamAsync<Citizens.LookingUp.CitizenView>(Citizens.CitizenState.StreamKey(citizen), Tokens.Tenant);
        var incidents = platform.Incidents.Services.GetRequiredService<IDocumentStore>();
        await incidents.Advanced.RebuildSingleStreamAsync<Incidents.LookingUp.IncidentView>(Incidents.Model.Incident.StreamKey(incidentId), Tokens.Tenant);
        var profile = await staff.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}?reason=data-protection-review");
        Assert.Equal(PersonalFields.Masked, profile.GetProperty("displayName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/incidents/{incidentId}?reason=data-protection-review")).StatusCode);
        // Every line of the history stays. More may have come meanwhile: the ticket was taken at the demo office other
        // tests' desks call at ("you are next", "called").
        var historyAfter = await staff.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/history?lang=ca&pageSize=100&reason=data-protection-review");
        var linesAfter = LinesOf(historyAfter);
        foreach (var (kind, count) in LinesOf(history)) Assert.True(linesAfter.GetValueOrDefault(kind) >= count, $"a {kind} line of the history was lost");
        Assert.Empty(await WhereAsync(values));

        // Erasing again (a redelivered request that slipped past its mark) changes nothing.
        var before = await SnapshotAsync();
        foreach (var service in new[] { platform.Citizens.Services, platform.Procedures.Services, platform.Incidents.Services })
            await service.GetRequiredService<CitizenErasure>().EraseAsync(Tokens.Tenant, citizen, CancellationToken.None);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(done.GetProperty("confirmed").GetRawText(),
            (await dpo.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/erasure")).GetProperty("confirmed").GetRawText());
    }

    [Fact]
    public async Task A_redelivered_erasure_request_through_rabbitmq_erases_and_confirms_nothing_again()
    {
        var seeded = await SeededCitizen.SeedAsync(platform);
        var citizen = seeded.CitizenId;
        var dpo = platform.Gateway.Client(platform.Tokens.DataProtectionOfficer());
        Assert.Equal(HttpStatusCode.Accepted, (await dpo.PostAsync($"/api/citizens/{citizen}/erasure", null)).StatusCode);
        var done = await Eventually.Until(() => dpo.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/erasure"),
            r => r.GetProperty("complete").GetBoolean(), TimeSpan.FromSeconds(60), "every service to confirm the erasure");
        var requestId = done.GetProperty("requestId").GetGuid();
        var before = await SnapshotAsync(Everywhere);
        var confirmations = await ConfirmationsAsync(requestId);
        Assert.Equal(Everywhere.Length, confirmations);

        // The outbox's message again (its MessageId is the stored event's id: a redelivery), then a second copy of the
        // request under a new id (published twice): every service hears both.
        var request = new V1.CitizenErasureRequested(Tokens.Tenant, DateTimeOffset.UtcNow, citizen, null, requestId);
        var redelivered = await OutboxMessageIdAsync(requestId);
        await platform.CitizensBus.Publish(request, c => c.MessageId = redelivered);
        var copy = Guid.NewGuid();
        await platform.CitizensBus.Publish(request, c => c.MessageId = copy);
        await Eventually.Until(() => HeardAsync(copy), n => n == Everywhere.Length, TimeSpan.FromSeconds(60), "every service to take the copy");

        Assert.Equal(before, await SnapshotAsync(Everywhere));
        Assert.Equal(confirmations, await ConfirmationsAsync(requestId));
        Assert.Equal(done.GetProperty("confirmed").GetRawText(),
            (await dpo.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/erasure")).GetProperty("confirmed").GetRawText());
    }

    /// <summary>The services that hold citizens' data (each erases and confirms).</summary>
    private static readonly string[] Everywhere = ["appointments", "citizens", "incidents", "kiosks", "messaging", "procedures", "queues"];

    private async Task<Guid> OutboxMessageIdAsync(Guid requestId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id from citizens.mt_events where type = 'erasure_requested' and data->>'RequestId' = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = requestId.ToString() });
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>How many services' erasure consumers marked the message as processed.</summary>
    private async Task<int> HeardAsync(Guid messageId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var heard = 0;
        foreach (var schema in Everywhere)
        {
            await using var command = new NpgsqlCommand($"select count(*) from {schema}.mt_doc_processedmessage where id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = ProcessedMessage.KeyFor(nameof(CitizenErasureRequestedConsumer), messageId) });
            heard += (int)(long)(await command.ExecuteScalarAsync())!;
        }
        return heard;
    }

    /// <summary>Confirmations stored for the request, in every service.</summary>
    private async Task<long> ConfirmationsAsync(Guid requestId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var count = 0L;
        foreach (var schema in Everywhere)
        {
            await using var command = new NpgsqlCommand($"select count(*) from {schema}.mt_events where type = 'citizen_erasure_done' and stream_id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = CitizenErasureDone.StreamKey(requestId) });
            count += (long)(await command.ExecuteScalarAsync())!;
        }
        return count;
    }

    private string ConnectionString =>
        platform.Citizens.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres")!;

    /// <summary>Every (schema.table.column) of every schema whose text or JSON holds one of the values.</summary>
    private async Task<List<string>> WhereAsync(IEnumerable<string> values)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column)>();
        await using (var list = new NpgsqlCommand("""
            select c.table_schema, c.table_name, c.column_name from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
            where c.table_schema not in ('pg_catalog', 'information_schema') and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'character')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        var found = new List<string>();
        foreach (var (schema, table, column) in columns)
            foreach (var value in values)
            {
                await using var command = new NpgsqlCommand(
                    $"select count(*) from \"{schema}\".\"{table}\" where position($1 in \"{column}\"::text) > 0", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = value });
                if ((long)(await command.ExecuteScalarAsync())! > 0) found.Add($"{schema}.{table}.{column} holds \"{value}\"");
            }
        return found;
    }

    private async Task<Dictionary<string, long>> EventCountsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var schema in Everywhere)
        {
            // Not the erasures' own bookkeeping (requests, confirmations: another test's citizen too) nor the access log's reads.
            await using var command = new NpgsqlCommand($"select type, count(*) from {schema}.mt_events where tenant_id = $1 and type not in ('citizen_erasure_done', 'erasure_requested', 'erasure_confirmed', 'personal_data_read') group by type", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = Tokens.Tenant });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) counts[$"{schema}.{reader.GetString(0)}"] = reader.GetInt64(1);
        }
        return counts;
    }

    /// <summary>The citizen-bearing tables' content, as one digest per table.</summary>
    private Task<Dictionary<string, string>> SnapshotAsync() => SnapshotAsync(["citizens", "procedures", "incidents"]);

    private async Task<Dictionary<string, string>> SnapshotAsync(string[] schemas)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<(string Schema, string Table)>();
        await using (var list = new NpgsqlCommand("""
            select table_schema, table_name from information_schema.tables
            where table_schema = any($1) and table_type = 'BASE TABLE'
              and table_name not like 'mt_doc_processedmessage%' and table_name <> 'mt_event_progression'
            """, connection) { Parameters = { new NpgsqlParameter { Value = schemas } } })
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add((reader.GetString(0), reader.GetString(1)));
        var digests = new Dictionary<string, string>();
        foreach (var (schema, table) in tables)
        {
            await using var command = new NpgsqlCommand($"select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from \"{schema}\".\"{table}\" t", connection);
            digests[$"{schema}.{table}"] = (string)(await command.ExecuteScalarAsync())!;
        }
        return digests;
    }

    /// <summary>How many lines of each kind a page of the history has.</summary>
    private static Dictionary<string, int> LinesOf(JsonElement history) =>
        history.GetProperty("entries").EnumerateArray().GroupBy(e => e.GetProperty("kind").GetString()!).ToDictionary(g => g.Key, g => g.Count());
}
