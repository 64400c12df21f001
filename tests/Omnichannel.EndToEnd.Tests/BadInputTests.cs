using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>The faults the malformed-input run found, each refused with a 400 (or 415) that names the field, in words a
/// front-end can show. <see cref="MalformedInputTests"/> walks every operation; these pin the known cases.</summary>
[Collection(Collections.Requests)]
public sealed class BadInputTests(Platform platform)
{
    [Fact]
    public async Task A_nul_character_in_a_body_text_is_a_400_naming_the_field()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/procedures/cases",
            new { procedureCode = "census\u0000registration", citizenId = citizen, channel = "phone" });

        Assert.Contains("Control characters", await Field(response, HttpStatusCode.BadRequest, "procedureCode"));
    }

    [Fact]
    public async Task A_nul_character_in_a_query_value_is_a_400_naming_the_parameter()
    {
        var response = await platform.AsChannelApp().GetAsync("/api/appointments/slots?procedureCode=x%00y&officeId=connecta-space");

        await Field(response, HttpStatusCode.BadRequest, "procedureCode");
    }

    [Fact]
    public async Task A_text_past_the_length_policy_is_a_400()
    {
        var response = await platform.AsStaff().PostAsJsonAsync($"/api/appointments/{Guid.NewGuid()}/cancellation",
            new { reason = new string('a', 5000) });

        Assert.Contains("At most", await Field(response, HttpStatusCode.BadRequest, "reason"));
    }

    [Fact]
    public async Task A_callback_in_year_9999_and_the_list_of_that_day_are_a_400_naming_the_date()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var request = await platform.AsChannelApp().PostAsJsonAsync("/api/appointments/callbacks",
            new { citizenId = citizen, phone = "612345678", callAt = "9999-12-31T10:00:00Z", channel = "phone" });
        var list = await platform.AsStaff().GetAsync("/api/appointments/callbacks?date=9999-12-31");

        Assert.Contains("2199-12-31", await Field(request, HttpStatusCode.BadRequest, "callAt"));
        await Field(list, HttpStatusCode.BadRequest, "date");
    }

    [Fact]
    public async Task A_null_line_in_a_queue_office_configuration_is_a_400()
    {
        var response = await platform.AsStaff().PutAsync("/api/queues/offices/connecta-space",
            new StringContent("""{"lines":[null]}""", Encoding.UTF8, "application/json"));

        await Field(response, HttpStatusCode.BadRequest, "lines[0]");
    }

    [Fact]
    public async Task A_history_page_past_any_offset_is_a_400_naming_the_page()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var response = await platform.AsChannelApp().GetAsync($"/api/citizens/{citizen}/history?page=2147483647");

        await Field(response, HttpStatusCode.BadRequest, "page");
    }

    [Fact]
    public async Task A_query_value_that_does_not_parse_is_reported_under_the_parameters_name_in_plain_words()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var response = await platform.AsChannelApp().GetAsync($"/api/citizens/{citizen}/history?page=abc");

        Assert.Equal("Not a whole number in range.", await Field(response, HttpStatusCode.BadRequest, "page"));
    }

    [Fact]
    public async Task An_unknown_member_is_a_400_naming_it()
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/citizens", new { preferredLanguage = "es", channel = "phone", nickname = "M" });

        Assert.Equal("'nickname' is not a field of this request.", await Field(response, HttpStatusCode.BadRequest, "nickname"));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_described_without_dotnet_type_names()
    {
        var response = await platform.AsChannelApp().PostAsync("/api/procedures/cases",
            new StringContent("""{"procedureCode":"census-registration","citizenId":"not-a-guid","channel":"phone"}""", Encoding.UTF8, "application/json"));

        var reason = await Field(response, HttpStatusCode.BadRequest, "citizenId");
        Assert.StartsWith("Not ", reason);
        Assert.DoesNotMatch(@"System\.|Omnichannel\.|reader options", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/citizens")]
    [InlineData("/api/procedures")]
    [InlineData("/api/procedures/cases")]
    public async Task A_body_that_is_not_json_is_a_415(string path)
    {
        var response = await platform.AsStaff().PostAsync(path, new StringContent("<citizen/>", Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_403_names_the_role_the_operation_needs()
    {
        var response = await platform.AsChannelApp().GetAsync("/api/appointments/callbacks");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("'staff' role", problem.GetProperty("detail").GetString());
    }

    /// <summary>Asserts the status and that the problem names <paramref name="field"/>; returns its first reason.</summary>
    private static async Task<string> Field(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var reasons), $"'{field}' not named: {text}");
        return reasons[0].GetString()!;
    }
}
