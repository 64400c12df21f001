using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Reliability;
using Omnichannel.Testing;

namespace Omnichannel.BuildingBlocks.Tests.Outbox;

/// <summary>The outbox never stalls silently: a publish that hangs is given up and retried, its lag shows, and
/// delivery resumes by itself once the broker takes messages again.</summary>
[Collection(BrokerOutages.Name)]
public sealed class OutboxStallTests
{
    [Fact]
    public async Task Delivery_resumes_by_itself_after_publishes_hang_on_a_blocked_broker_and_its_connections_drop()
    {
        await using var service = await PingService.StartAsync(new Dictionary<string, string?>
        {
            ["Outbox:PublishTimeout"] = "00:00:02",
            ["Outbox:DegradedLagEvents"] = "20",
            ["Daemon:StallAfter"] = "00:00:06",
            ["Daemon:CheckEvery"] = "00:00:00.500",
        });
        var watchdog = service.Services.GetRequiredService<DaemonWatchdog>();
        var appended = new List<Guid>(await service.AppendPingsAsync(0, 20));
        await Eventually.Until(() => service.ApplicationsAsync(), a => a.Count >= 20, TimeSpan.FromSeconds(60), "the first pings to be consumed");

        // A memory alarm at 0 blocks every publisher: publishes are written but never confirmed.
        await TestServers.BrokerCtlAsync("set_vm_memory_high_watermark", "0");
        try
        {
            appended.AddRange(await service.AppendPingsAsync(20, 60));
            await Eventually.Until(() => Task.FromResult(watchdog.Lag), lag => lag.Events >= 20, TimeSpan.FromSeconds(60), "the outbox lag to show");
            var (status, body) = await ReadinessAsync(service);
            Assert.Equal(HttpStatusCode.OK, status); // the lag is the same for every replica: not a reason to stop taking requests
            Assert.Equal("Degraded", body.GetProperty("checks").GetProperty(OutboxLagHealthCheck.Name).GetProperty("status").GetString());

            // The connections the publishes wait on die: what was in flight must not be waited on forever.
            await TestServers.BrokerCtlAsync("close_all_connections", "-p", service.VirtualHost, "outbox stall test");
        }
        finally
        {
            await TestServers.BrokerCtlAsync("set_vm_memory_high_watermark", "0.4");
        }
        appended.AddRange(await service.AppendPingsAsync(80, 20));

        await Eventually.Until(() => service.ApplicationsAsync(), a => a.Count >= appended.Count, TimeSpan.FromSeconds(120), "every ping to be consumed");
        await Eventually.Until(() => Task.FromResult(watchdog.Lag), lag => lag.Events == 0, TimeSpan.FromSeconds(30), "the outbox to catch up");
        var applied = await service.ApplicationsAsync();

        Assert.Equal(appended.Order(), applied.Select(a => a.MessageId).Order());
        var (_, after) = await ReadinessAsync(service);
        Assert.Equal("Healthy", after.GetProperty("checks").GetProperty(OutboxLagHealthCheck.Name).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_outbox_lag_is_exported_at_metrics()
    {
        await using var service = await PingService.StartAsync(new Dictionary<string, string?> { ["Daemon:CheckEvery"] = "00:00:00.500" });
        using var client = new HttpClient { BaseAddress = service.Address };

        var metrics = await Eventually.Until(() => client.GetStringAsync("/metrics"), m => m.Contains("omnichannel_outbox_lag_events"),
            TimeSpan.FromSeconds(30), "the lag gauge to be exported");

        Assert.Contains("omnichannel_outbox_lag_seconds", metrics);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadinessAsync(PingService service)
    {
        using var client = new HttpClient { BaseAddress = service.Address };
        using var response = await client.GetAsync("/health/ready");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
