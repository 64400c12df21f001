using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>
/// A citizen's erasure (GDPR Art. 17) across every service, against the real database and broker: staff with the
/// data-protection role record it at the citizens service, every service masks the citizen's personal fields in its
/// streams (Marten's masking rules) and read models and confirms; afterwards no personal value of the citizen is left in
/// any text or JSON column of any schema, the streams still rebuild their projections, and the counts are unchanged.
/// </summary>
public sealed class ErasureEndToEndTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task An_erasure_leaves_no_personal_value_in_any_table_while_streams_rebuild_and_counts_stay()
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var name = $"Erasmina Puig {unique}";
        var phone = $"+3467{Random.Shared.Next(1000000, 9999999)}";
        var email = $"erasmina.{unique}@example.cat";
        var summary = $"Vull el certificat per a la beca {unique}";
        var description = $"La vorera davant de casa meva està trencada {unique}";
        var address = $"Carrer de la Riera {Random.Shared.Next(100, 999)}, {unique}";
        var app = platform.AsChannelApp();

        var registered = await app.PostAsJsonAsync("/api/citizens", new { displayName = name, preferredLanguage = "ca", channel = "phone", phone, email });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var citizen = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
        var submitted = await app.PostAsJsonAsync("/api/procedures/cases", new { procedureCode = "census-certificate", channel = "kiosk", citizenId = citizen, summary });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var reported = await app.PostAsJsonAsync("/api/incidents", new
        {
            kind = "complaint", channel = "phone", citizenId = citizen, description,
            location = new { latitude = 41.54, longitude = 2.44, address },
        });
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var incidentId = (await reported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incidentId").GetGuid();
        var staff = platform.AsStaff();
        var history = await Eventually.Until(() => staff.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/history?lang=ca"),
            h => h.GetProperty("total").GetInt64() >= 2, what: "the case and the incident in the citizen's history");

        string[] values = [name, phone, email, summary, description, address];
        Assert.NotEmpty(await WhereAsync(values)); // the search finds them before
        var eventsBefore = await EventCountsAsync();
        var month = DateTimeOffset.UtcNow.ToString("yyyy-MM");
        var indicatorsBefore = await staff.GetStringAsync($"/api/incidents/indicators/{month}");

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

        // Events stay (statistics still count them) and the streams rebuild their projections from the masked events.
        Assert.Equal(eventsBefore, (await EventCountsAsync()).Where(c => eventsBefore.ContainsKey(c.Key)).ToDictionary());
        Assert.Equal(indicatorsBefore, await staff.GetStringAsync($"/api/incidents/indicators/{month}"));
        var citizens = platform.Citizens.Services.GetRequiredService<IDocumentStore>();
        await citizens.Advanced.RebuildSingleStreamAsync<Citizens.LookingUp.CitizenView>(Citizens.CitizenState.StreamKey(citizen), Tokens.Tenant);
        var incidents = platform.Incidents.Services.GetRequiredService<IDocumentStore>();
        await incidents.Advanced.RebuildSingleStreamAsync<Incidents.LookingUp.IncidentView>(Incidents.Model.Incident.StreamKey(incidentId), Tokens.Tenant);
        var profile = await staff.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}");
        Assert.Equal(PersonalFields.Masked, profile.GetProperty("displayName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/incidents/{incidentId}")).StatusCode);
        Assert.Equal(history.GetProperty("total").GetInt64(),
            (await staff.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/history?lang=ca")).GetProperty("total").GetInt64());
        Assert.Empty(await WhereAsync(values));

        // Erasing again (a redelivered request that slipped past its mark) changes nothing.
        var before = await SnapshotAsync();
        foreach (var service in new[] { platform.Citizens.Services, platform.Procedures.Services, platform.Incidents.Services })
            await service.GetRequiredService<CitizenErasure>().EraseAsync(Tokens.Tenant, citizen, CancellationToken.None);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(done.GetProperty("confirmed").GetRawText(),
            (await dpo.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/erasure")).GetProperty("confirmed").GetRawText());
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
        foreach (var schema in new[] { "citizens", "procedures", "incidents" })
        {
            await using var command = new NpgsqlCommand($"select type, count(*) from {schema}.mt_events where tenant_id = $1 and type <> 'citizen_erasure_done' group by type", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = Tokens.Tenant });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) counts[$"{schema}.{reader.GetString(0)}"] = reader.GetInt64(1);
        }
        return counts;
    }

    /// <summary>The citizen-bearing tables' content, as one digest per table.</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<(string Schema, string Table)>();
        await using (var list = new NpgsqlCommand("""
            select table_schema, table_name from information_schema.tables
            where table_schema in ('citizens', 'procedures', 'incidents') and table_type = 'BASE TABLE'
              and table_name not like 'mt_doc_processedmessage%' and table_name <> 'mt_event_progression'
            """, connection))
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
}
