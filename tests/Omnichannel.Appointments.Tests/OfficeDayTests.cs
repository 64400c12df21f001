using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Cancelling;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.Testing;

namespace Omnichannel.Appointments.Tests;

/// <summary>The front desk's list: an office's appointments of one local day, by time, with their status.</summary>
public sealed class OfficeDayTests(ClosureFixture fixture) : IClassFixture<ClosureFixture>
{
    private const string Central = "connecta-space";
    private const string Census = "census-registration";

    [Fact]
    public async Task Staff_read_an_offices_appointments_of_a_day_by_time_with_their_statuses_and_nothing_of_other_offices_or_days()
    {
        var day = fixture.BusyDay;
        var late = await fixture.BookAsync(await fixture.KnownCitizenAsync(), Central, Census, ClosureFixture.At(day, 12, 20));
        var early = await fixture.BookAsync(await fixture.KnownCitizenAsync(), Central, Census, ClosureFixture.At(day, 9, 0));
        var elsewhere = await fixture.BookAsync(await fixture.KnownCitizenAsync(), "cc-rocafonda", Census, ClosureFixture.At(day, 9, 0));
        var nextDay = await fixture.BookAsync(await fixture.KnownCitizenAsync(), Central, Census, ClosureFixture.At(fixture.FullDay, 9, 0));
        using (RequestContext.Begin(Tokens.Tenant, null))
        await using (var scope = fixture.Api.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Bookings>().CancelAsync(late.Ref.AppointmentId, "no longer needed", "phone", "citizen", CancellationToken.None);

        var list = await fixture.Staff().GetFromJsonAsync<List<JsonElement>>($"/api/appointments/offices/{Central}/appointments?date={day:yyyy-MM-dd}");

        var ids = list!.Select(a => a.GetProperty("appointmentId").GetGuid()).ToList();
        Assert.Equal([early.Ref.AppointmentId, late.Ref.AppointmentId], ids);
        Assert.Equal(["booked", "cancelled"], list!.Select(a => a.GetProperty("status").GetString()));
        Assert.DoesNotContain(elsewhere.Ref.AppointmentId, ids);
        Assert.DoesNotContain(nextDay.Ref.AppointmentId, ids);
    }

    [Fact]
    public async Task An_unknown_office_is_a_404_and_a_channel_app_may_not_read_the_list()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Staff().GetAsync("/api/appointments/offices/nowhere/appointments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Channel().GetAsync($"/api/appointments/offices/{Central}/appointments")).StatusCode);
    }
}
