using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.BuildingBlocks.Codes;

namespace Omnichannel.Kiosks.Tests.Service;

/// <summary>"Look up my code" at the kiosk, forwarded to the code's own service over gRPC (here a case at the real
/// procedures service): typing forgiven, a typo a 400 naming code, a code nobody was given a 404, only in an open
/// session, and never the citizen in the answer.</summary>
public sealed class LookupApiTests(MenusHost host) : IClassFixture<MenusHost>
{
    private static async Task<Guid> StartAsync(HttpClient kiosk, string kioskId)
    {
        var started = await kiosk.PostAsJsonAsync($"/api/kiosks/{kioskId}/sessions", new { identification = "anonymous" });
        started.EnsureSuccessStatusCode();
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetGuid();
    }

    private async Task<string> SubmitCaseAsync()
    {
        var procedure = await host.PublishProcedureAsync("lookup", "kiosk", "online");
        var submitted = await host.Procedures.Client(host.Tokens.ChannelApp()).PostAsJsonAsync("/api/procedures/cases",
            new { procedureCode = procedure, channel = "online" }); // no citizens service here to know a citizen by
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
    }

    [Fact]
    public async Task A_case_code_typed_in_lower_case_with_spaces_answers_its_status_and_procedure_without_the_citizen()
    {
        var office = await host.RegisterOfficeAsync();
        var (kiosk, client) = await host.KioskAsync(office, "touchscreen");
        var session = await StartAsync(client, kiosk.KioskId);
        var code = await SubmitCaseAsync();

        var typed = string.Join(' ', code.Replace("-", "").ToLowerInvariant().Chunk(3).Select(c => new string(c)));
        var response = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/lookups", new { code = typed });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var found = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("case", found.GetProperty("kind").GetString());
        Assert.Equal(code, found.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(found.GetProperty("status").GetString()));
        Assert.StartsWith("Tràmit", found.GetProperty("procedureName").GetProperty("ca").GetString());
        Assert.DoesNotContain("citizen", found.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_mistyped_code_is_a_400_naming_code_and_a_well_formed_code_nobody_was_given_a_404()
    {
        var office = await host.RegisterOfficeAsync();
        var (kiosk, client) = await host.KioskAsync(office, "touchscreen");
        var session = await StartAsync(client, kiosk.KioskId);
        var code = await SubmitCaseAsync();
        var typo = code[..1] + (code[1] == '0' ? '1' : '0') + code[2..];

        var mistyped = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/lookups", new { code = typo });
        Assert.Equal(HttpStatusCode.BadRequest, mistyped.StatusCode);
        Assert.True((await mistyped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _));

        var nobodys = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/lookups", new { code = PersonalCode.Tracking.New() });
        Assert.Equal(HttpStatusCode.NotFound, nobodys.StatusCode);

        var nonsense = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/lookups", new { code = "hello" });
        Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);
    }

    [Fact]
    public async Task A_lookup_outside_an_open_session_is_refused()
    {
        var office = await host.RegisterOfficeAsync();
        var (kiosk, client) = await host.KioskAsync(office, "touchscreen");
        var code = await SubmitCaseAsync();

        var response = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{Guid.NewGuid()}/lookups", new { code });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
