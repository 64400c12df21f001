using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>The citizens' routes through the gateway, as a channel app and the staff console use them: each
/// use case's status code and JSON.</summary>
[Collection(Collections.Requests)]
public sealed class CitizensTests(Platform platform)
{
    [Fact]
    public async Task A_registered_citizen_is_found_by_id_and_by_phone_links_more_channels_and_changes_preferences()
    {
        var app = platform.AsChannelApp();
        var phone = $"+3461{Random.Shared.Next(1000000, 9999999)}";
        var registered = await app.PostAsJsonAsync("/api/citizens",
            new { displayName = " Anna ", preferredLanguage = "ca", channel = "kiosk", phone });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var citizen = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
        Assert.Equal($"/api/citizens/{citizen}", registered.Headers.Location?.OriginalString);

        var lookup = await app.PostAsJsonAsync("/api/citizens/lookup", new { kind = "phone", value = phone });
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        var found = await lookup.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(citizen, found.GetProperty("citizenId").GetGuid());

        var linked = await app.PostAsJsonAsync($"/api/citizens/{citizen}/identities", new { email = $"anna{Guid.NewGuid():N}@example.cat" });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var link = await linked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(citizen, link.GetProperty("citizenId").GetGuid());
        Assert.Equal(1, link.GetProperty("linked").GetInt32());

        var changed = await app.PutAsJsonAsync($"/api/citizens/{citizen}/preferences",
            new { preferredLanguage = "en", preferredChannel = "whatsapp", dealsElectronically = false });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        var profile = await app.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}");
        Assert.Equal("Anna", profile.GetProperty("displayName").GetString());
        Assert.Equal("kiosk", profile.GetProperty("registeredThrough").GetString());
        Assert.Equal("en", profile.GetProperty("preferences").GetProperty("language").GetString());
        Assert.False(profile.GetProperty("preferences").GetProperty("dealsElectronically").GetBoolean());
        Assert.Equal([phone], profile.GetProperty("phones").EnumerateArray().Select(p => p.GetString()));
        Assert.Single(profile.GetProperty("emails").EnumerateArray());
        Assert.False(profile.GetProperty("nationalIdVerified").GetBoolean());

        var unlinked = await platform.AsStaff().PostAsJsonAsync($"/api/citizens/{citizen}/identities/unlinking", new { kind = "phone", value = phone });
        Assert.Equal(HttpStatusCode.NoContent, unlinked.StatusCode);
        await AssertProblem(await app.PostAsJsonAsync("/api/citizens/lookup", new { kind = "phone", value = phone }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_phone_already_someone_elses_is_a_conflict()
    {
        var phone = $"+3462{Random.Shared.Next(1000000, 9999999)}";
        await platform.RegisterCitizenAsync(phone: phone);

        var second = await platform.AsChannelApp().PostAsJsonAsync("/api/citizens", new { channel = "phone", phone });

        await AssertProblem(second, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field()
    {
        var app = platform.AsChannelApp();
        var citizen = await platform.RegisterCitizenAsync();

        var badPhone = await AssertProblem(await app.PostAsJsonAsync("/api/citizens", new { channel = "kiosk", phone = "12" }), HttpStatusCode.BadRequest);
        Assert.Contains("phone", badPhone.GetRawText());
        var noChannel = await AssertProblem(await app.PostAsJsonAsync("/api/citizens", new { phone = "+34612000111" }), HttpStatusCode.BadRequest);
        Assert.Contains("channel", noChannel.GetRawText(), StringComparison.OrdinalIgnoreCase);
        var badLanguage = await AssertProblem(await app.PutAsJsonAsync($"/api/citizens/{citizen}/preferences",
            new { preferredLanguage = "fr", dealsElectronically = true }), HttpStatusCode.BadRequest);
        Assert.Contains("preferredLanguage", badLanguage.GetRawText(), StringComparison.OrdinalIgnoreCase);
        var nothingToLink = await AssertProblem(await app.PostAsJsonAsync($"/api/citizens/{citizen}/identities", new { }), HttpStatusCode.BadRequest);
        Assert.Contains("body", nothingToLink.GetRawText());
        var badKind = await AssertProblem(await app.PostAsJsonAsync("/api/citizens/lookup", new { kind = "fax", value = "1" }), HttpStatusCode.BadRequest);
        Assert.Contains("kind", badKind.GetRawText());
        await AssertProblem(await app.GetAsync($"/api/citizens/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await AssertProblem(await app.GetAsync($"/api/citizens/{Guid.NewGuid()}/history"), HttpStatusCode.NotFound);
        await AssertProblem(await app.GetAsync($"/api/citizens/{citizen}/history?lang=fr"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_staff_unlink_an_identity()
    {
        var phone = $"+3463{Random.Shared.Next(1000000, 9999999)}";
        var citizen = await platform.RegisterCitizenAsync(phone: phone);

        var response = await platform.AsChannelApp().PostAsJsonAsync($"/api/citizens/{citizen}/identities/unlinking", new { kind = "phone", value = phone });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_identity_is_looked_up_only_from_the_body_never_from_the_url()
    {
        var phone = $"+3464{Random.Shared.Next(1000000, 9999999)}";
        await platform.RegisterCitizenAsync(phone: phone);

        var byUrl = await platform.AsChannelApp().GetAsync($"/api/citizens/lookup?kind=phone&value={Uri.EscapeDataString(phone)}");

        Assert.NotEqual(HttpStatusCode.OK, byUrl.StatusCode);
        Assert.DoesNotContain(phone, await byUrl.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
