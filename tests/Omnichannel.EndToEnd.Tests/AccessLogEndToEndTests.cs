using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>The access log (ENS): a staff read of a citizen's personal data is recorded with who, when, what and why,
/// only the data-protection officer reads the log, and an entry edited in the database shows as a broken chain.</summary>
public sealed class AccessLogEndToEndTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task A_staff_read_is_logged_with_who_what_and_why_and_an_edited_entry_is_detected()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var staff = platform.AsStaff();
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/citizens/{citizen}/history?reason=citizen-request")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync($"/api/citizens/{citizen}/history?reason=curiosity")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/citizens/access-log?citizenId={citizen}")).StatusCode);
        var dpo = platform.Gateway.Client(platform.Tokens.DataProtectionOfficer());
        var log = await dpo.GetFromJsonAsync<JsonElement>($"/api/citizens/access-log?citizenId={citizen}");
        Assert.True(log.GetProperty("intact").GetBoolean());
        var entry = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal("staff-ana", entry.GetProperty("who").GetString());
        Assert.Equal("citizen-history", entry.GetProperty("what").GetString());
        Assert.Equal("citizen-request", entry.GetProperty("why").GetString());
        Assert.True(entry.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        // Someone with database access rewrites who read it.
        var connection = platform.Citizens.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres");
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.OpenAsync();
            await using var edit = new NpgsqlCommand("""
                update citizens.mt_events set data = jsonb_set(data, '{Who}', '"staff-nobody"')
                where stream_id = 'access-log' and tenant_id = $1 and data->>'CitizenId' = $2
                """, db);
            edit.Parameters.Add(new NpgsqlParameter { Value = Tokens.Tenant });
            edit.Parameters.Add(new NpgsqlParameter { Value = citizen.ToString() });
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());
        }

        var tampered = await dpo.GetFromJsonAsync<JsonElement>($"/api/citizens/access-log?citizenId={citizen}");
        Assert.False(tampered.GetProperty("intact").GetBoolean());
        Assert.Equal(entry.GetProperty("number").GetInt64(), tampered.GetProperty("firstBrokenEntry").GetInt64());
    }
}
