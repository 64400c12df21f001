using Microsoft.IdentityModel.JsonWebTokens;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Omnichannel.Kiosks.Tests.Service;

/// <summary>Enrolment, sign-in, rotation and revocation against real PostgreSQL and RabbitMQ.</summary>
public sealed class EnrolmentApiTests(KiosksHost host) : IClassFixture<KiosksHost>
{
    [Fact]
    public async Task Enrolling_at_an_office_the_directory_does_not_know_is_a_404_problem()
    {
        var response = await host.AsStaff().PostAsJsonAsync("/api/kiosks", new { officeId = "nowhere", location = "Hall", peripherals = new[] { "printer" } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'nowhere'", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Only_staff_enrol_kiosks()
    {
        var office = await host.RegisterOfficeAsync();
        var response = await host.AsChannelApp().PostAsJsonAsync("/api/kiosks", new { officeId = office, location = "Hall", peripherals = new[] { "printer" } });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_peripheral_is_a_400_naming_the_field()
    {
        var office = await host.RegisterOfficeAsync();
        var response = await host.AsStaff().PostAsJsonAsync("/api/kiosks", new { officeId = office, location = "Hall", peripherals = new[] { "printer", "Fax" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.StartsWith("peripherals", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_enrolled_kiosk_signs_in_with_its_credential_and_gets_a_kiosk_token_for_its_council_office_and_id()
    {
        var office = await host.RegisterOfficeAsync();
        var kiosk = await host.EnrolAsync(office, "touchscreen", "printer", "id-card-scanner");

        var token = new JsonWebTokenHandler().ReadJsonWebToken(await host.TokenAsync(kiosk.Credential));

        Assert.Equal("kiosk", token.Claims.Single(c => c.Type == "role").Value);
        Assert.Equal("mataro", token.Claims.Single(c => c.Type == "tenant").Value);
        Assert.Equal(office, token.Claims.Single(c => c.Type == "office").Value);
        Assert.Equal(kiosk.KioskId, token.Claims.Single(c => c.Type == "kiosk").Value);
        Assert.True(token.ValidTo - DateTime.UtcNow <= TimeSpan.FromMinutes(16));
    }

    [Fact]
    public async Task A_kiosk_reads_itself_but_another_kiosk_is_a_403_and_staff_routes_are_a_403()
    {
        var office = await host.RegisterOfficeAsync();
        var mine = await host.EnrolAsync(office, "printer");
        var other = await host.EnrolAsync(office, "printer");
        var asKiosk = host.As(await host.TokenAsync(mine.Credential));

        var own = await asKiosk.GetFromJsonAsync<JsonElement>($"/api/kiosks/{mine.KioskId}");
        Assert.Equal(["printer"], own.GetProperty("peripherals").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await asKiosk.GetAsync($"/api/kiosks/{other.KioskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asKiosk.PostAsJsonAsync($"/api/kiosks/{mine.KioskId}/credential-rotation", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asKiosk.PostAsJsonAsync("/api/kiosks", new { officeId = office, location = "x", peripherals = Array.Empty<string>() })).StatusCode);
    }

    [Fact]
    public async Task A_wrong_or_malformed_credential_is_a_401()
    {
        var office = await host.RegisterOfficeAsync();
        var kiosk = await host.EnrolAsync(office);
        var wrong = kiosk.Credential[..^2] + (kiosk.Credential[^2..] == "AA" ? "BB" : "AA");

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SignInAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SignInAsync("mataro.nothing.at-all")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SignInAsync(kiosk.Credential.Replace("mataro.", "badalona."))).StatusCode);
    }

    [Fact]
    public async Task A_revoked_kiosk_cannot_sign_in_and_its_live_token_is_refused_at_once()
    {
        var office = await host.RegisterOfficeAsync();
        var kiosk = await host.EnrolAsync(office);
        var asKiosk = host.As(await host.TokenAsync(kiosk.Credential));

        var revoked = await host.AsStaff().PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/revocation", new { reason = "Stolen screen" });

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SignInAsync(kiosk.Credential)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asKiosk.GetAsync($"/api/kiosks/{kiosk.KioskId}")).StatusCode);
    }

    [Fact]
    public async Task After_a_rotation_both_credentials_work_during_the_grace_and_without_grace_the_old_one_and_its_tokens_stop()
    {
        var office = await host.RegisterOfficeAsync();
        var kiosk = await host.EnrolAsync(office);
        var oldToken = host.As(await host.TokenAsync(kiosk.Credential));

        var graceful = await (await host.AsStaff().PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/credential-rotation", new { graceMinutes = 60 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var second = graceful.GetProperty("credential").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await host.SignInAsync(kiosk.Credential)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SignInAsync(second)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oldToken.GetAsync($"/api/kiosks/{kiosk.KioskId}")).StatusCode);

        var abrupt = await (await host.AsStaff().PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/credential-rotation", new { graceMinutes = 0 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var third = abrupt.GetProperty("credential").GetString()!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SignInAsync(kiosk.Credential)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.SignInAsync(second)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldToken.GetAsync($"/api/kiosks/{kiosk.KioskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.As(await host.TokenAsync(third)).GetAsync($"/api/kiosks/{kiosk.KioskId}")).StatusCode);
    }

    [Fact]
    public async Task A_kiosk_id_with_a_typo_is_a_400_naming_it()
    {
        var response = await host.AsStaff().GetAsync("/api/kiosks/K0000-001");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("kioskId", out _));
    }
}
