using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Appointments.WaitingList;
using Omnichannel.Testing;

namespace Omnichannel.Appointments.Tests;

/// <summary>The waiting list: pure rules, and a cancellation telling the first citizen in line through the integration
/// event messaging's notices consume (on a real broker).</summary>
public sealed class WaitingListTests(ClockedPlatform platform) : IClassFixture<ClockedPlatform>
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Citizens_wait_in_the_order_they_asked_and_asking_again_keeps_ones_place()
    {
        var (ana, pau) = (Guid.NewGuid(), Guid.NewGuid());
        var state = WaitingListDecision.Join(WaitingListState.Initial, ana, "p", "o", Now).Aggregate(WaitingListState.Initial, WaitingListState.Evolve);
        state = WaitingListDecision.Join(state, pau, "p", "o", Now).Aggregate(state, WaitingListState.Evolve);
        Assert.Empty(WaitingListDecision.Join(state, ana, "p", "o", Now));
        Assert.Equal([ana, pau], state.Waiting);

        var told = WaitingListDecision.Tell(state, ana, "p", "o", Now.AddDays(3), "freed-1", "ca", "sms", Now);
        state = told.Aggregate(state, WaitingListState.Evolve);
        Assert.Equal([pau], state.Waiting);
        Assert.Empty(WaitingListDecision.Tell(state, pau, "p", "o", Now.AddDays(3), "freed-1", "ca", "sms", Now)); // the same freed place, handled twice
    }

    [Fact]
    public async Task A_cancellation_tells_the_first_citizen_on_the_waiting_list_once()
    {
        var staff = platform.Client();
        var booker = await CitizenAsync();
        var (first, second) = (await CitizenAsync(), await CitizenAsync());
        var from = DateOnly.FromDateTime(platform.Clock.GetUtcNow().AddDays(5).UtcDateTime);
        var slots = await staff.GetFromJsonAsync<JsonElement>($"/api/appointments/slots?procedureCode=census-registration&officeId=connecta-space&from={from:yyyy-MM-dd}");
        var startsAt = slots.GetProperty("slots")[0].GetProperty("startsAt").GetDateTimeOffset();
        var booked = await staff.PostAsJsonAsync($"/api/appointments/citizens/{booker}/bookings",
            new { officeId = "connecta-space", procedureCode = "census-registration", startsAt, channel = "phone" });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("appointmentId").GetGuid();

        var joined = await staff.PostAsJsonAsync("/api/appointments/waiting-lists/census-registration/offices/connecta-space/entries", new { citizenId = first });
        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        Assert.Equal(1, (await joined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("position").GetInt32());
        var again = await staff.PostAsJsonAsync("/api/appointments/waiting-lists/census-registration/offices/connecta-space/entries", new { citizenId = first });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var behind = await staff.PostAsJsonAsync("/api/appointments/waiting-lists/census-registration/offices/connecta-space/entries", new { citizenId = second });
        Assert.Equal(2, (await behind.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("position").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync("/api/appointments/waiting-lists/census-registration/offices/nowhere/entries", new { citizenId = first })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/appointments/{appointmentId}/cancellation", new { reason = "cannot come" })).StatusCode);

        var told = await Eventually.Until(async () =>
        {
            await platform.DrainAsync();
            return platform.Received.Where(r => r.Type == "WaitingListPlaceFreed").ToList();
        }, list => list.Count >= 1, TimeSpan.FromSeconds(30), "WaitingListPlaceFreed");
        var notice = told.Single().Message;
        Assert.Equal(first, notice.GetProperty("citizenId").GetGuid());
        Assert.Equal(startsAt, notice.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal("connecta-space", notice.GetProperty("officeId").GetString());
        var count = await staff.GetFromJsonAsync<JsonElement>("/api/appointments/waiting-lists/census-registration/offices/connecta-space");
        Assert.Equal(1, count.GetProperty("waiting").GetInt32());
        Assert.Equal(1, count.GetProperty("told").GetInt32());
    }

    private async Task<Guid> CitizenAsync()
    {
        var response = await platform.CitizensClient().PostAsJsonAsync("/api/citizens", new { preferredLanguage = "es", channel = "phone" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
    }
}
