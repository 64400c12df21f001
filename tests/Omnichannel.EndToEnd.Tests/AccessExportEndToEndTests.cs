using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>The access export (GDPR Art. 15): one JSON file and one readable text in the citizen's language, across every
/// service, holding every record of a seeded citizen (<see cref="SeededCitizen"/>).</summary>
[Collection(Collections.OfficeDay)]
public sealed class AccessExportEndToEndTests(Platform platform)
{
    [Fact]
    public async Task An_access_export_holds_every_record_of_a_seeded_citizen_in_json_and_in_readable_text()
    {
        var seeded = await SeededCitizen.SeedAsync(platform, language: "es");
        var citizen = seeded.CitizenId;
        var staff = platform.AsStaff();

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/citizens/{citizen}/data-export?reason=citizen-request")).StatusCode);
        var dpo = platform.Gateway.Client(platform.Tokens.DataProtectionOfficer());
        // A sensitive view: the officer says why.
        Assert.Equal(HttpStatusCode.BadRequest, (await dpo.GetAsync($"/api/citizens/{citizen}/data-export?format=json")).StatusCode);
        var export = await dpo.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/data-export?format=json&reason=citizen-request");

        Assert.Empty(export.GetProperty("unreachable").EnumerateArray());
        Assert.Equal("es", export.GetProperty("language").GetString());
        var services = export.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("service").GetString()!, s => s.GetProperty("records").EnumerateArray().ToList());
        Assert.Superset(new HashSet<string> { "citizens", "procedures", "incidents", "appointments", "queues", "kiosks", "messaging" }, services.Keys.ToHashSet());
        bool Holds(string service, string value) => services[service].Any(r => r.GetProperty("data").GetRawText().Contains(value, StringComparison.Ordinal));
        bool Has(string service, string type) => services[service].Any(r => r.GetProperty("type").GetString() == type);

        // Identities and preferences, and every line of the history.
        Assert.True(Has("citizens", "citizen_registered") && Holds("citizens", seeded.Phone) && Holds("citizens", seeded.Email)
            && Holds("citizens", seeded.TelegramChat.ToString()) && Holds("citizens", seeded.Name), "the identities");
        Assert.True(Has("citizens", "preferences_changed"), "the preferences");
        // More lines may arrive after the seeding (its ticket was taken at the demo office other tests' desks call at: "you
        // are next", "called"): the export and the history are read again until read at a moment they agree.
        await Eventually.Until(async () =>
        {
            var again = await dpo.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/data-export?format=json&reason=citizen-request");
            var lines = again.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("service").GetString() == "citizens")
                .GetProperty("records").EnumerateArray().Count(r => r.GetProperty("type").GetString() == "interaction_recorded");
            var total = (await staff.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/history?lang=es&reason=citizen-request")).GetProperty("total").GetInt64();
            return (Lines: lines, Total: total);
        }, x => x.Lines == x.Total && x.Total >= seeded.HistoryTotal, TimeSpan.FromSeconds(30), "the export to hold every line of the history");
        // The case, the incident, the appointment, the ticket, the kiosk session and the conversation.
        Assert.True(Has("procedures", "case_submitted") && Holds("procedures", seeded.TrackingCode) && Holds("procedures", seeded.Summary), "the case");
        Assert.True(Has("incidents", "incident_reported") && Holds("incidents", seeded.IncidentCode) && Holds("incidents", seeded.Description)
            && Holds("incidents", seeded.Address), "the incident");
        Assert.True(Holds("appointments", seeded.AppointmentId.ToString()), "the appointment");
        Assert.True(Holds("queues", $"\"{seeded.TicketNumber}\""), "the ticket");
        Assert.True(Holds("kiosks", seeded.KioskSessionId.ToString()), "the kiosk session");
        Assert.True(Holds("messaging", seeded.ChatText), "the conversation");
        // A chat that wrote before it was linked to them never names them: found by their identity, it is theirs too.
        Assert.True(Holds("messaging", seeded.EarlyChatText), "the conversation never linked to them");

        var text = await dpo.GetStringAsync($"/api/citizens/{citizen}/data-export?format=text&reason=citizen-request");
        Assert.StartsWith("Sus datos en el Ayuntamiento", text);
        foreach (var value in new[] { seeded.Summary, seeded.Description, seeded.Phone, seeded.Email, seeded.ChatText, seeded.TrackingCode, seeded.IncidentCode })
            Assert.Contains(value, text);
    }
}
