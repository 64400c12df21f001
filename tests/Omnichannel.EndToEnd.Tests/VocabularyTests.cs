using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Citizens;
using Omnichannel.Citizens.Identities;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>One vocabulary a front-end can trust, through the gateway: enums in one casing read exactly, one channel list,
/// If-Match/ETag wherever a write changes something that exists, e-mail addresses without case, phone numbers in E.164,
/// callbacks that know the citizen's phone and check the procedure.</summary>
[Collection(Collections.Requests)]
public sealed class VocabularyTests(Platform platform)
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    [Theory]
    [InlineData("InReview")]
    [InlineData("inReview")]
    [InlineData("IN-REVIEW")]
    [InlineData("1")]
    public async Task A_status_in_another_casing_is_a_400_naming_status_and_listing_the_values(string status)
    {
        var caseId = await SubmitCaseAsync();
        var response = await platform.AsStaff().PostAsJsonAsync($"/api/procedures/cases/{caseId}/status", new { status });

        var reason = await Field(response, HttpStatusCode.BadRequest, "status");
        Assert.Contains("in-review", reason);
        Assert.Contains("awaiting-citizen", reason);
    }

    [Fact]
    public async Task Telegram_for_a_procedure_offered_through_chat_but_not_telegram_is_a_400_naming_channel()
    {
        // census-certificate: online, kiosk, point0, chat (the demo catalogue).
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/procedures/cases",
            new { procedureCode = "census-certificate", channel = "telegram" });

        Assert.Contains("chat", await Field(response, HttpStatusCode.BadRequest, "channel"));
    }

    [Theory]
    [InlineData("Kiosk")]
    [InlineData("KIOSK")]
    [InlineData("fax")]
    public async Task A_channel_outside_the_one_list_is_a_400_naming_channel_in_every_service(string channel)
    {
        var citizen = await platform.RegisterCitizenAsync();
        var app = platform.AsChannelApp();

        await Field(await app.PostAsJsonAsync("/api/citizens", new { channel }), HttpStatusCode.BadRequest, "channel");
        await Field(await app.PostAsJsonAsync("/api/procedures/cases", new { procedureCode = "census-certificate", channel }), HttpStatusCode.BadRequest, "channel");
        await Field(await app.GetAsync($"/api/procedures?channel={channel}"), HttpStatusCode.BadRequest, "channel");
        await Field(await app.PostAsJsonAsync($"/api/appointments/citizens/{citizen}/bookings",
            new { officeId = "connecta-space", procedureCode = "census-registration", startsAt = DateTimeOffset.UtcNow.AddDays(9), channel }), HttpStatusCode.BadRequest, "channel");
    }

    [Fact]
    public async Task An_email_address_in_another_case_is_the_same_citizen()
    {
        var local = $"Maria.Garcia.{Guid.NewGuid():N}";
        var app = platform.AsChannelApp();
        var first = await app.PostAsJsonAsync("/api/citizens", new { channel = "online", email = $"{local}@Example.com" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var citizen = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();

        var second = await app.PostAsJsonAsync("/api/citizens", new { channel = "online", email = $"{local.ToLowerInvariant()}@example.com" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        var found = await app.PostAsJsonAsync("/api/citizens/lookup", new { kind = "email", value = $"{local.ToUpperInvariant()}@EXAMPLE.COM" });
        Assert.Equal(citizen, (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid());
    }

    [Fact]
    public async Task An_email_linked_while_case_still_counted_is_found_and_unlinked_in_any_case_once_the_index_is_repaired()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var local = $"Joan.Puig.{Guid.NewGuid():N}";
        var legacy = $"{local}@example.cat"; // as the old rule stored it: the local part's case kept
        var store = platform.Citizens.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession(Omnichannel.Testing.Tokens.Tenant))
        {
            session.Events.Append(CitizenState.StreamKey(citizen), new ChannelIdentityLinked(citizen, IdentityKinds.Email, legacy, DateTimeOffset.UtcNow));
            session.Insert(new IdentityIndexEntry { Id = $"email:{legacy}", CitizenId = citizen });
            await session.SaveChangesAsync();
        }
        var app = platform.AsChannelApp();
        var lookup = new { kind = "email", value = legacy.ToUpperInvariant() };
        Assert.Equal(HttpStatusCode.NotFound, (await app.PostAsJsonAsync("/api/citizens/lookup", lookup)).StatusCode);

        await ActivatorUtilities.CreateInstance<EmailIndexRepair>(platform.Citizens.Services).StartAsync(CancellationToken.None); // as at start-up

        var found = await app.PostAsJsonAsync("/api/citizens/lookup", lookup);
        Assert.Equal(citizen, (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid());
        var taken = await app.PostAsJsonAsync("/api/citizens", new { channel = "online", email = legacy.ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var unlinked = await platform.AsStaff().PostAsJsonAsync($"/api/citizens/{citizen}/identities/unlinking", new { kind = "email", value = legacy.ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.NoContent, unlinked.StatusCode);
        Assert.Empty((await app.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}")).GetProperty("emails").EnumerateArray());

        await ActivatorUtilities.CreateInstance<EmailIndexRepair>(platform.Citizens.Services).StartAsync(CancellationToken.None); // a second start changes nothing
        Assert.Equal(HttpStatusCode.NotFound, (await app.PostAsJsonAsync("/api/citizens/lookup", lookup)).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_documents_list_the_enum_values_as_the_wire_spells_them()
    {
        var document = await platform.Anonymous().GetStringAsync("/openapi/procedures.json");

        Assert.Contains("\"in-review\"", document);
        Assert.Contains("\"awaiting-citizen\"", document);
        Assert.DoesNotContain("\"InReview\"", document);
    }

    [Fact]
    public async Task A_phone_number_of_any_country_is_kept_in_E164_and_found_however_it_is_typed()
    {
        var digits = Random.Shared.Next(10_00_00, 99_99_99).ToString(); // a French mobile: 06 12 xx xx xx
        var e164 = $"+33612{digits}";
        var app = platform.AsChannelApp();
        var registered = await app.PostAsJsonAsync("/api/citizens", new { channel = "phone", phone = $"+33 6 12 {digits[..2]} {digits[2..4]} {digits[4..]}" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var citizen = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();

        var profile = await app.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}");
        Assert.Equal([e164], profile.GetProperty("phones").EnumerateArray().Select(p => p.GetString()));
        var found = await app.PostAsJsonAsync("/api/citizens/lookup", new { kind = "phone", value = $"0033 612 {digits}" });
        Assert.Equal(citizen, (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid());

        await Field(await app.PostAsJsonAsync("/api/citizens", new { channel = "phone", phone = "+34 612 ABC 678" }), HttpStatusCode.BadRequest, "phone");
        await Field(await app.PostAsJsonAsync("/api/citizens", new { channel = "phone", whatsAppNumber = "12" }), HttpStatusCode.BadRequest, "whatsAppNumber");
    }

    [Fact]
    public async Task A_citizens_preferences_and_identities_take_If_Match_with_the_ETag_read()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var app = platform.AsChannelApp();
        var read = await app.GetAsync($"/api/citizens/{citizen}");
        var etag = read.Headers.ETag!;

        var stale = Preferences(citizen, new EntityTagHeaderValue("\"99\""));
        var refused = await app.SendAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        var changed = await app.SendAsync(Preferences(citizen, etag));
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.NotEqual(etag.Tag, changed.Headers.ETag?.Tag);
        Assert.Equal(changed.Headers.ETag?.Tag, (await app.GetAsync($"/api/citizens/{citizen}")).Headers.ETag?.Tag);

        var replay = await app.SendAsync(Preferences(citizen, etag)); // the ETag read before the change
        Assert.Equal(HttpStatusCode.PreconditionFailed, replay.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.SendAsync(Preferences(citizen, null))).StatusCode); // no If-Match: allowed

        var link = new HttpRequestMessage(HttpMethod.Post, $"/api/citizens/{citizen}/identities") { Content = JsonContent.Create(new { email = $"a{Guid.NewGuid():N}@example.cat" }) };
        link.Headers.IfMatch.Add(etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await app.SendAsync(link)).StatusCode);
    }

    [Fact]
    public async Task An_appointment_write_takes_If_Match_and_answers_with_the_new_ETag()
    {
        var app = platform.AsChannelApp();
        var citizen = await platform.RegisterCitizenAsync();
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(8).ToString("yyyy-MM-dd");
        var slots = await app.GetFromJsonAsync<JsonElement>($"/api/appointments/slots?procedureCode=census-registration&officeId=connecta-space&from={from}");
        var slot = slots.GetProperty("slots").EnumerateArray().Last();
        var held = await app.PostAsJsonAsync($"/api/appointments/citizens/{citizen}/holds",
            new { officeId = "connecta-space", procedureCode = "census-registration", startsAt = slot.GetProperty("startsAt").GetDateTimeOffset(), channel = "online" });
        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        var id = (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("appointmentId").GetGuid();
        var etag = (await app.GetAsync($"/api/appointments/{id}")).Headers.ETag!;

        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/appointments/{id}/confirmation");
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"42\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await app.SendAsync(stale)).StatusCode);

        var confirm = new HttpRequestMessage(HttpMethod.Post, $"/api/appointments/{id}/confirmation");
        confirm.Headers.IfMatch.Add(etag);
        var confirmed = await app.SendAsync(confirm);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.NotNull(confirmed.Headers.ETag);
        Assert.NotEqual(etag.Tag, confirmed.Headers.ETag!.Tag);

        var cancelWithOld = new HttpRequestMessage(HttpMethod.Post, $"/api/appointments/{id}/cancellation") { Content = JsonContent.Create(new { reason = "no" }) };
        cancelWithOld.Headers.IfMatch.Add(etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await app.SendAsync(cancelWithOld)).StatusCode);
        var cancel = new HttpRequestMessage(HttpMethod.Post, $"/api/appointments/{id}/cancellation") { Content = JsonContent.Create(new { reason = "no" }) };
        cancel.Headers.IfMatch.Add(confirmed.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(cancel)).StatusCode);
    }

    [Fact]
    public async Task A_callback_without_a_number_calls_the_citizens_own_phone()
    {
        var phone = $"+3466{Random.Shared.Next(1000000, 9999999)}";
        var citizen = await platform.RegisterCitizenAsync(phone: phone);
        var callAt = PhoneHour();

        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/appointments/callbacks",
            new { citizenId = citizen, callAt, channel = "online", procedureCode = "census-certificate" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var list = await platform.AsStaff().GetFromJsonAsync<List<JsonElement>>($"/api/appointments/callbacks?date={DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(callAt, Madrid).DateTime):yyyy-MM-dd}");
        Assert.Equal(phone, list!.Single(c => c.GetProperty("citizenId").GetGuid() == citizen).GetProperty("phone").GetString());
    }

    [Fact]
    public async Task A_callback_without_a_number_for_a_citizen_with_no_phone_is_a_400_naming_phone()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/appointments/callbacks", new { citizenId = citizen, callAt = PhoneHour(), channel = "online" });

        Assert.Contains("no phone", await Field(response, HttpStatusCode.BadRequest, "phone"));
    }

    [Fact]
    public async Task A_callback_about_a_procedure_the_catalogue_does_not_have_is_a_400_naming_procedureCode()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/appointments/callbacks",
            new { citizenId = citizen, phone = "612 345 678", callAt = PhoneHour(), channel = "online", procedureCode = "no-such-procedure" });

        await Field(response, HttpStatusCode.BadRequest, "procedureCode");
        var tooLong = await platform.AsChannelApp().PostAsJsonAsync("/api/appointments/callbacks",
            new { citizenId = citizen, phone = "612 345 678", callAt = PhoneHour(), channel = "online", procedureCode = new string('a', 200) });
        await Field(tooLong, HttpStatusCode.BadRequest, "procedureCode");
    }

    [Fact]
    public async Task Office_names_past_their_own_limit_are_a_400_in_appointments_and_queues()
    {
        var staff = platform.AsStaff();
        var longName = new string('n', 121);
        var name = new { ca = longName, es = "Oficina", en = "Office" };

        var appointments = await staff.PostAsJsonAsync("/api/appointments/offices",
            new { officeId = $"o-{Guid.NewGuid():N}"[..20], name, address = "Carrer Nou 1, Mataró", calendar = "on-site", desks = 2 });
        var queues = await staff.PutAsJsonAsync("/api/queues/offices/connecta-space",
            new { names = name, lines = new[] { new { line = "general", prefix = "G" } } });

        Assert.Equal(HttpStatusCode.BadRequest, appointments.StatusCode);
        Assert.Contains("120", await appointments.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, queues.StatusCode);
        Assert.Contains("120", await queues.Content.ReadAsStringAsync());
    }

    /// <summary>10:00 on a Monday–Thursday that is no holiday, a few days ahead: the phone service is open.</summary>
    private static DateTimeOffset PhoneHour()
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
        while (day.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday or DayOfWeek.Sunday || BuildingBlocks.Calendar.CatalanHolidays.All.Contains(day))
            day = day.AddDays(1);
        var local = day.ToDateTime(new TimeOnly(10, 0));
        return new DateTimeOffset(local, Madrid.GetUtcOffset(local));
    }

    private static HttpRequestMessage Preferences(Guid citizen, EntityTagHeaderValue? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/citizens/{citizen}/preferences")
        {
            Content = JsonContent.Create(new { preferredLanguage = Random.Shared.Next(2) == 0 ? "ca" : "en", preferredChannel = "whatsapp", dealsElectronically = Random.Shared.Next(2) == 0 }),
        };
        if (ifMatch is not null) request.Headers.IfMatch.Add(ifMatch);
        return request;
    }

    private async Task<Guid> SubmitCaseAsync()
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/procedures/cases", new { procedureCode = "census-certificate", channel = "kiosk" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetGuid();
    }

    private static async Task<string> Field(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var reasons), $"'{field}' not named: {text}");
        return reasons[0].GetString()!;
    }
}
