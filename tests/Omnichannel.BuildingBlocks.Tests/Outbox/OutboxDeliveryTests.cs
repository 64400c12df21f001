using MassTransit;
using Omnichannel.Testing;

namespace Omnichannel.BuildingBlocks.Tests.Outbox;

/// <summary>The event store is the outbox: what is appended reaches consumers, once, whatever the broker does.</summary>
[Collection(BrokerOutages.Name)]
public sealed class OutboxDeliveryTests
{
    [Fact]
    public async Task Every_appended_event_reaches_its_consumer_once_even_when_the_broker_stops_during_appends()
    {
        await using var service = await PingService.StartAsync();

        var appended = new List<Guid>();
        appended.AddRange(await service.AppendPingsAsync(0, 60));
        await TestServers.StopBrokerAsync();
        try
        {
            // Appends go on while the broker is down: they only wait in the event store.
            appended.AddRange(await service.AppendPingsAsync(60, 60));
        }
        finally
        {
            await TestServers.StartBrokerAsync();
        }
        appended.AddRange(await service.AppendPingsAsync(120, 60));

        var applied = await Eventually.Until(() => service.ApplicationsAsync(), a => a.Count >= appended.Count,
            TimeSpan.FromSeconds(120), "every ping to be consumed");
        // Give late duplicates (a re-published page) the chance to show up before counting.
        await Task.Delay(TimeSpan.FromSeconds(2));
        applied = await service.ApplicationsAsync();

        Assert.Equal(appended.Order(), applied.Select(a => a.MessageId).Order());
        Assert.Equal(appended.Count, applied.Select(a => a.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_message_delivered_twice_is_applied_once()
    {
        await using var service = await PingService.StartAsync();
        var messageId = Guid.NewGuid();
        var ping = new Pinged("mataro", DateTimeOffset.UtcNow, null, null, 7);

        await service.Bus.Publish(ping, c => c.MessageId = messageId);
        await Eventually.Until(() => service.ApplicationsAsync(), a => a.Any(x => x.MessageId == messageId), what: "the first delivery to be recorded");
        // Messages are consumed concurrently: the copy goes only once the first is recorded, so it meets the mark and
        // does not race it; it has been handled once its consumer has finished with it a second time.
        await service.Bus.Publish(ping, c => c.MessageId = messageId);
        await Eventually.Until(() => Task.FromResult(service.Consumed.Count(id => id == messageId)), n => n == 2, what: "the copy to be consumed");

        Assert.Single(await service.ApplicationsAsync(), a => a.MessageId == messageId);
    }
}

/// <summary>Tests that stop the shared broker must not run beside other tests of this assembly that use it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerOutages
{
    public const string Name = "broker outages";
}
