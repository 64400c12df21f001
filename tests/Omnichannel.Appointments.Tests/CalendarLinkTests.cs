using System.Net;
using System.Net.Http.Json;
using Omnichannel.Appointments.Holding;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Tests;

/// <summary>The signed calendar link a citizen adds to their phone's calendar: it opens with no token, in the
/// language it was given for, with the documents to bring; a link changed by hand is refused.</summary>
public sealed class CalendarLinkTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private sealed record Link(string Url, DateTimeOffset ExpiresAt);

    private async Task<(Guid Id, string Code)> BookAsync(int slot)
    {
        var citizen = await fixture.RegisterCitizenAsync();
        var booked = await fixture.WithBookings(b => b.HoldAsync(citizen, "connecta-space", "census-registration", StoreFixture.NextWorkingSlot(12, slot), Channels.Online, confirm: true, CancellationToken.None));
        return (booked.Ref.AppointmentId, booked.Ref.Code);
    }

    private async Task<Link> LinkAsync(Guid appointment, string language)
    {
        using var channel = fixture.Appointments.Client(fixture.Tokens.ChannelApp());
        return (await channel.GetFromJsonAsync<Link>($"/api/appointments/{appointment}/calendar-link?lang={language}"))!;
    }

    [Fact]
    public async Task The_signed_link_opens_with_no_token_in_the_citizens_language_and_lists_the_documents_to_bring()
    {
        var (id, code) = await BookAsync(2);
        var link = await LinkAsync(id, "en");
        Assert.DoesNotContain(code, link.Url);
        Assert.True(link.ExpiresAt > DateTimeOffset.UtcNow.AddDays(30));

        using var anonymous = fixture.Appointments.Client();
        using var response = await anonymous.GetAsync(link.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = (await response.Content.ReadAsStringAsync()).Replace("\r\n ", "");
        Assert.Contains($"UID:{id:N}@appointments.omnichannel", ics);
        Assert.Contains($"SUMMARY;LANGUAGE=en:Census registration for new residents ({code})", ics);
        Assert.Contains("DESCRIPTION;LANGUAGE=en:Appointment code: " + code, ics);
        Assert.Contains("Documents to bring:\\n- Valid national ID card\\, NIE or passport", ics);

        var catalan = (await anonymous.GetStringAsync((await LinkAsync(id, "ca")).Url)).Replace("\r\n ", "");
        Assert.Contains("SUMMARY;LANGUAGE=ca:Alta al padró", catalan);
        Assert.Contains("Documents que cal portar:", catalan);
    }

    [Fact]
    public async Task A_link_with_its_signature_language_id_or_expiry_changed_is_refused()
    {
        var (id, _) = await BookAsync(3);
        var (other, _) = await BookAsync(4);
        var url = (await LinkAsync(id, "es")).Url;
        var signature = url[(url.IndexOf("signature=", StringComparison.Ordinal) + "signature=".Length)..];
        var flipped = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
        var expires = long.Parse(url.Split("expires=")[1].Split('&')[0], System.Globalization.CultureInfo.InvariantCulture);
        using var anonymous = fixture.Appointments.Client();

        foreach (var changed in new[]
                 {
                     url.Replace(signature, flipped),
                     url.Replace("lang=es", "lang=en"),
                     url.Replace(id.ToString("D"), other.ToString("D")),
                     url.Replace($"expires={expires}", $"expires={expires + 86_400}"),
                     url[..url.IndexOf("&signature=", StringComparison.Ordinal)],
                 })
        {
            using var response = await anonymous.GetAsync(changed);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{changed}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var badLanguage = await anonymous.GetAsync(url.Replace("lang=es", "lang=fr"));
        Assert.Equal(HttpStatusCode.BadRequest, badLanguage.StatusCode);
        Assert.Contains("\"lang\"", await badLanguage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_link_for_an_appointment_that_does_not_exist_is_not_given()
    {
        using var channel = fixture.Appointments.Client(fixture.Tokens.ChannelApp());
        using var response = await channel.GetAsync($"/api/appointments/{Guid.NewGuid()}/calendar-link?lang=ca");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
