using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>The access export (GDPR Art. 15): one JSON file and one readable text in the citizen's language, across every
/// service, holding every record of a seeded citizen.</summary>
public sealed class AccessExportEndToEndTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task An_access_export_holds_every_record_of_a_seeded_citizen_in_json_and_in_readable_text()
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var phone = $"+3466{Random.Shared.Next(1000000, 9999999)}";
        var summary = $"Necessito el volant per a l'escola {unique}";
        var description = $"El semàfor del carrer Sant Josep no funciona {unique}";
        var app = platform.AsChannelApp();
        var registered = await app.PostAsJsonAsync("/api/citizens", new { displayName = $"Exportada {unique}", preferredLanguage = "es", channel = "phone", phone });
        var citizen = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
        var submitted = await app.PostAsJsonAsync("/api/procedures/cases", new { procedureCode = "census-certificate", channel = "kiosk", citizenId = citizen, summary });
        var trackingCode = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var reported = await app.PostAsJsonAsync("/api/incidents", new { kind = "complaint", channel = "phone", citizenId = citizen, description });
        var incidentCode = (await reported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var staff = platform.AsStaff();
        await Eventually.Until(() => staff.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/history"),
            h => h.GetProperty("total").GetInt64() >= 2, what: "the case and the incident in the history");

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/citizens/{citizen}/data-export")).StatusCode);
        var dpo = platform.Gateway.Client(platform.Tokens.DataProtectionOfficer());
        var export = await dpo.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/data-export?format=json");

        Assert.Empty(export.GetProperty("unreachable").EnumerateArray());
        Assert.Equal("es", export.GetProperty("language").GetString());
        var services = export.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("service").GetString()!, s => s.GetProperty("records"));
        Assert.Superset(new HashSet<string> { "citizens", "procedures", "incidents", "appointments", "queues", "kiosks", "messaging" }, services.Keys.ToHashSet());
        var all = export.GetRawText();
        Assert.Contains(phone, all);
        Assert.Contains(summary, all);
        Assert.Contains(description, all);
        Assert.Contains(trackingCode, all);
        Assert.Contains(incidentCode, all);
        Assert.Contains(services["citizens"].EnumerateArray(), r => r.GetProperty("type").GetString() == "citizen_registered");
        Assert.Contains(services["citizens"].EnumerateArray(), r => r.GetProperty("type").GetString() == "interaction_recorded");
        Assert.Contains(services["procedures"].EnumerateArray(), r => r.GetProperty("type").GetString() == "case_submitted");
        Assert.Contains(services["incidents"].EnumerateArray(), r => r.GetProperty("type").GetString() == "incident_reported");

        var text = await dpo.GetStringAsync($"/api/citizens/{citizen}/data-export?format=text");
        Assert.StartsWith("Sus datos en el Ayuntamiento", text);
        Assert.Contains(summary, text);
        Assert.Contains(description, text);
        Assert.Contains(phone, text);
    }
}
