using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Kiosks.Health;
using Omnichannel.Kiosks.Health.Offline;
using Omnichannel.Testing;

namespace Omnichannel.Kiosks.Tests.Service;

/// <summary>Heartbeats, the fleet view and the offline watch against real PostgreSQL and RabbitMQ, the service's clock
/// put inside or outside the civic centres' hours (Monday to Friday 9–21, Europe/Madrid).</summary>
public sealed class HealthApiTests(KiosksHost host) : IClassFixture<KiosksHost>
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    /// <summary>Next Wednesday at that Madrid time.</summary>
    private static DateTimeOffset Wednesday(int hour, int minute = 0)
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Wednesday) day = day.AddDays(1);
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Madrid.GetUtcOffset(local));
    }

    private async Task<(KiosksHost.Enrolled Kiosk, HttpClient Client)> KioskAtCivicCentreAsync()
    {
        var office = await host.RegisterOfficeAsync("civic-centre");
        var kiosk = await host.EnrolAsync(office, "touchscreen", "printer", "id-card-scanner");
        return (kiosk, host.As(await host.TokenAsync(kiosk.Credential)));
    }

    private static Task<HttpResponseMessage> BeatAsync(HttpClient client, string kioskId, DateTimeOffset sentAt, object peripherals, string version = "2.1.0") =>
        client.PostAsJsonAsync($"/api/kiosks/{kioskId}/heartbeats", new { sentAt, softwareVersion = version, peripherals });

    private async Task<IReadOnlyList<object>> ChangesAsync(string kioskId)
    {
        await using var session = host.Kiosks.Services.GetRequiredService<IDocumentStore>().QuerySession(Tokens.Tenant);
        return [.. (await session.Events.FetchStreamAsync(KioskHealth.StreamKey(kioskId))).Select(e => e.Data)];
    }

    private async Task<JsonElement> FleetEntryAsync(string officeId, string kioskId) =>
        (await host.AsStaff().GetFromJsonAsync<JsonElement>($"/api/kiosks/offices/{officeId}/fleet"))
            .GetProperty("kiosks").EnumerateArray().Single(k => k.GetProperty("kioskId").GetString() == kioskId);

    [Fact]
    public async Task Heartbeats_raise_events_only_on_change_and_the_fleet_shows_each_state_and_since_when()
    {
        host.Clock.MoveTo(Wednesday(10));
        var (kiosk, client) = await KioskAtCivicCentreAsync();
        var t0 = host.Clock.GetUtcNow();

        Assert.Equal(HttpStatusCode.OK, (await BeatAsync(client, kiosk.KioskId, t0, new { printer = "ok", touchscreen = "ok" })).StatusCode);
        await BeatAsync(client, kiosk.KioskId, t0.AddSeconds(1), new { printer = "ok", touchscreen = "ok" });
        await BeatAsync(client, kiosk.KioskId, t0.AddSeconds(2), new { printer = "ok", touchscreen = "ok" });
        Assert.Empty(await ChangesAsync(kiosk.KioskId));

        var jam = await (await BeatAsync(client, kiosk.KioskId, t0.AddSeconds(3), new { printer = "jammed" })).Content.ReadFromJsonAsync<JsonElement>();
        await BeatAsync(client, kiosk.KioskId, t0.AddSeconds(4), new { printer = "jammed" });

        Assert.True(jam.GetProperty("recorded").GetBoolean());
        var change = Assert.IsType<PeripheralStateChanged>(Assert.Single(await ChangesAsync(kiosk.KioskId)));
        Assert.Equal(PeripheralState.Jammed, change.To);
        var entry = await FleetEntryAsync(kiosk.OfficeId, kiosk.KioskId);
        Assert.Equal("online", entry.GetProperty("connection").GetString());
        Assert.Equal("2.1.0", entry.GetProperty("softwareVersion").GetString());
        var printer = entry.GetProperty("peripherals").EnumerateArray().Single(p => p.GetProperty("peripheral").GetString() == "printer");
        Assert.Equal("jammed", printer.GetProperty("state").GetString());
        Assert.Equal(change.At, printer.GetProperty("since").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_out_of_order_heartbeat_is_ignored_as_stale_and_one_from_the_future_or_naming_an_unknown_peripheral_is_a_400()
    {
        host.Clock.MoveTo(Wednesday(11));
        var (kiosk, client) = await KioskAtCivicCentreAsync();
        var t0 = host.Clock.GetUtcNow();
        await BeatAsync(client, kiosk.KioskId, t0, new { printer = "out" });

        var late = await (await BeatAsync(client, kiosk.KioskId, t0.AddSeconds(-5), new { printer = "ok" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(late.GetProperty("recorded").GetBoolean());
        Assert.Equal("stale", late.GetProperty("ignored").GetString());
        var printer = (await FleetEntryAsync(kiosk.OfficeId, kiosk.KioskId)).GetProperty("peripherals").EnumerateArray().Single(p => p.GetProperty("peripheral").GetString() == "printer");
        Assert.Equal("out", printer.GetProperty("state").GetString());

        var future = await BeatAsync(client, kiosk.KioskId, t0.AddMinutes(10), new { printer = "ok" });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.True((await future.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("sentAt", out _));
        var fax = await BeatAsync(client, kiosk.KioskId, t0.AddSeconds(1), new { fax = "ok" });
        Assert.Equal(HttpStatusCode.BadRequest, fax.StatusCode);
        Assert.True((await fax.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("peripherals.fax", out _));
    }

    [Fact]
    public async Task A_kiosk_cannot_report_for_another_kiosk_and_staff_cannot_report_at_all()
    {
        host.Clock.MoveTo(Wednesday(12));
        var (mine, client) = await KioskAtCivicCentreAsync();
        var other = await host.EnrolAsync(mine.OfficeId, "printer");

        Assert.Equal(HttpStatusCode.Forbidden, (await BeatAsync(client, other.KioskId, host.Clock.GetUtcNow(), new { printer = "ok" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await BeatAsync(host.AsStaff(), mine.KioskId, host.Clock.GetUtcNow(), new { printer = "ok" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/kiosks/offices/{mine.OfficeId}/fleet")).StatusCode);
    }

    [Fact]
    public async Task A_kiosk_silent_during_opening_hours_goes_offline_once_and_back_online_with_its_next_heartbeat_but_not_at_night()
    {
        var watcher = host.Kiosks.Services.GetRequiredService<OfflineWatcher>();
        host.Clock.MoveTo(Wednesday(16));
        var (kiosk, client) = await KioskAtCivicCentreAsync();
        await BeatAsync(client, kiosk.KioskId, host.Clock.GetUtcNow(), new { printer = "ok" });

        host.Clock.MoveTo(Wednesday(16, 3));
        Assert.True(await watcher.SweepAsync(CancellationToken.None) >= 1);
        await watcher.SweepAsync(CancellationToken.None);
        var entry = await FleetEntryAsync(kiosk.OfficeId, kiosk.KioskId);
        Assert.Equal("offline", entry.GetProperty("connection").GetString());

        await BeatAsync(client, kiosk.KioskId, host.Clock.GetUtcNow(), new { printer = "ok" });
        Assert.Equal("online", (await FleetEntryAsync(kiosk.OfficeId, kiosk.KioskId)).GetProperty("connection").GetString());
        Assert.Equal([typeof(KioskWentOffline), typeof(KioskCameBackOnline)], (await ChangesAsync(kiosk.KioskId)).Select(e => e.GetType()));

        // Switched off at closing time: nothing at night.
        host.Clock.MoveTo(Wednesday(20, 59));
        await BeatAsync(client, kiosk.KioskId, host.Clock.GetUtcNow(), new { printer = "ok" });
        host.Clock.MoveTo(Wednesday(23, 30));
        await watcher.SweepAsync(CancellationToken.None);
        Assert.Equal("online", (await FleetEntryAsync(kiosk.OfficeId, kiosk.KioskId)).GetProperty("connection").GetString());
        Assert.Equal(2, (await ChangesAsync(kiosk.KioskId)).Count);
    }
}
