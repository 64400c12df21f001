using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.BuildingBlocks.Codes;

namespace Omnichannel.Kiosks.Tests.Service;

/// <summary>"Look up my code" at the kiosk, forwarded to the code's own service over gRPC (here the real procedures
/// service's case tracking): a typo a 400 naming code, a well-formed code nobody was given a 404 (typed loosely: the
/// forgiving reading reached procedures), only in an open session. A found case, with its status and procedure and no
/// citizen, is checked on the whole platform by the kiosk screen's test (Omnichannel.Console.Tests/KioskTests): this
/// host has no citizens service, which submitting a case needs.</summary>
public sealed class LookupApiTests(MenusHost host) : IClassFixture<MenusHost>
{
    private static async Task<Guid> StartAsync(HttpClient kiosk, string kioskId)
    {
        var started = await kiosk.PostAsJsonAsync($"/api/kiosks/{kioskId}/sessions", new { identification = "anonymous" });
        started.EnsureSuccessStatusCode();
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetGuid();
    }

    [Fact]
    public async Task A_mistyped_code_is_a_400_naming_code_and_a_well_formed_code_nobody_was_given_a_404()
    {
        var office = await host.RegisterOfficeAsync();
        var (kiosk, client) = await host.KioskAsync(office, "touchscreen");
        var session = await StartAsync(client, kiosk.KioskId);
        var code = PersonalCode.Tracking.New();
        var typo = code[..1] + (code[1] == '0' ? '1' : '0') + code[2..];

        var mistyped = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/lookups", new { code = typo });
        Assert.Equal(HttpStatusCode.BadRequest, mistyped.StatusCode);
        Assert.True((await mistyped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _));

        var loosely = string.Join(' ', code.Replace("-", "").ToLowerInvariant().Chunk(3).Select(c => new string(c)));
        var nobodys = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/lookups", new { code = loosely });
        Assert.Equal(HttpStatusCode.NotFound, nobodys.StatusCode);

        var nonsense = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{session}/lookups", new { code = "hello" });
        Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);
    }

    [Fact]
    public async Task A_lookup_outside_an_open_session_is_refused()
    {
        var office = await host.RegisterOfficeAsync();
        var (kiosk, client) = await host.KioskAsync(office, "touchscreen");
        var code = PersonalCode.Tracking.New();

        var response = await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/sessions/{Guid.NewGuid()}/lookups", new { code });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
