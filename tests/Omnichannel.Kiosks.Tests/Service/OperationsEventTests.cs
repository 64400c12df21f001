using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Kiosks.Health.Offline;
using Omnichannel.Testing;

namespace Omnichannel.Kiosks.Tests.Service;

/// <summary>What operations receive from the bus (real RabbitMQ, through the outbox): one integration event per change of
/// a kiosk's state — a fault, its recovery, offline, back online — however many heartbeats repeat a state.</summary>
public sealed class OperationsEventTests(KiosksHost host) : IClassFixture<KiosksHost>
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
    private static readonly string[] Types = ["KioskPeripheralFaulted", "KioskPeripheralRecovered", "KioskWentOffline", "KioskBackOnline"];

    /// <summary>Next Thursday at that Madrid time (the civic centres are open 9–21).</summary>
    private static DateTimeOffset Thursday(int hour, int minute = 0)
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Thursday) day = day.AddDays(1);
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Madrid.GetUtcOffset(local));
    }

    [Fact]
    public async Task Operations_receive_one_event_per_change_of_a_kiosk_and_none_for_heartbeats_that_repeat_a_state()
    {
        // A queue of our own on the four exchanges, as an operations consumer would have.
        var configuration = host.Kiosks.Services.GetRequiredService<IConfiguration>();
        await using var listener = await BusListener.StartAsync(configuration["ConnectionStrings:RabbitMq"]!, Types);

        host.Clock.MoveTo(Thursday(11));
        var office = await host.RegisterOfficeAsync("civic-centre");
        var kiosk = await host.EnrolAsync(office, "touchscreen", "printer");
        var client = host.As(await host.TokenAsync(kiosk.Credential));
        async Task BeatAsync(int second, string printer) => (await client.PostAsJsonAsync($"/api/kiosks/{kiosk.KioskId}/heartbeats",
            new { sentAt = Thursday(11).AddSeconds(second), softwareVersion = "2.1.0", peripherals = new { printer, touchscreen = "ok" } })).EnsureSuccessStatusCode();

        await BeatAsync(1, "ok");
        await BeatAsync(2, "ok");
        await BeatAsync(3, "jammed");
        await BeatAsync(4, "jammed");
        await BeatAsync(5, "jammed");
        await BeatAsync(6, "ok");
        host.Clock.MoveTo(Thursday(11, 4)); // silent for four minutes of opening hours
        var watcher = host.Kiosks.Services.GetRequiredService<OfflineWatcher>();
        await watcher.SweepAsync(CancellationToken.None);
        await watcher.SweepAsync(CancellationToken.None);
        await BeatAsync(250, "ok");

        // The last change stored is the last one published (the outbox keeps the order): anything more would be before it.
        var mine = await Eventually.Until(async () =>
        {
            await listener.DrainAsync();
            return listener.Received.Where(r => r.Message.GetProperty("kioskId").GetString() == kiosk.KioskId).ToList();
        }, list => list.Any(r => r.Type == "KioskBackOnline"), TimeSpan.FromSeconds(30), "the kiosk back online on the bus");

        Assert.Equal(Types, mine.Select(r => r.Type));
        var fault = mine[0].Message;
        // Kebab-case on the wire, like every enum of the platform's API.
        Assert.Equal(("printer", "jammed", office), (fault.GetProperty("peripheral").GetString(), fault.GetProperty("state").GetString(), fault.GetProperty("officeId").GetString()));
        Assert.Equal("printer", mine[1].Message.GetProperty("peripheral").GetString());
        Assert.All(mine, r => Assert.Equal(JsonValueKind.Null, r.Message.GetProperty("citizenId").ValueKind));
    }
}
