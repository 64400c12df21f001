using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>Through the gateway, on the demo offices: a kiosk enrolled at the central office signs in with its device
/// credential and acts as itself; its token reaches the kiosks service only.</summary>
public sealed class KiosksEndToEndTests(Platform platform) : IClassFixture<Platform>
{
    private const string Office = "connecta-space";

    private sealed record Enrolled(string KioskId, string OfficeId, string Credential);
    private sealed record SignedIn(string AccessToken, string KioskId, string OfficeId);

    private async Task<Enrolled> EnrolAsync() => await Eventually.Until(async () =>
    {
        var response = await platform.AsStaff().PostAsJsonAsync("/api/kiosks",
            new { officeId = Office, location = "Vestíbul", peripherals = new[] { "Touchscreen", "Printer", "IdCardScanner", "CodeReader", "Nfc" } });
        return response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<Enrolled>() : null;
    }, e => e is not null, what: "the kiosks service to know the demo office") ?? throw new InvalidOperationException();

    private HttpClient AsKiosk(string token)
    {
        var client = platform.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_kiosk_signs_in_through_the_gateway_reads_itself_and_its_token_opens_no_other_service()
    {
        var kiosk = await EnrolAsync();

        var signIn = await platform.Anonymous().PostAsJsonAsync("/api/kiosks/device-tokens", new { credential = kiosk.Credential });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var asKiosk = AsKiosk((await signIn.Content.ReadFromJsonAsync<SignedIn>())!.AccessToken);

        var self = await asKiosk.GetFromJsonAsync<JsonElement>($"/api/kiosks/{kiosk.KioskId}");
        Assert.Equal(Office, self.GetProperty("officeId").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await asKiosk.GetAsync("/api/procedures?channel=kiosk")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asKiosk.GetAsync($"/api/queues/offices/{Office}")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_credential_is_a_401_at_the_gateway()
    {
        var kiosk = await EnrolAsync();
        (await platform.AsStaff().PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/revocation", new { reason = "Retired" })).EnsureSuccessStatusCode();

        var signIn = await platform.Anonymous().PostAsJsonAsync("/api/kiosks/device-tokens", new { credential = kiosk.Credential });

        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }
}
