using System.Collections.Concurrent;
using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Appointments.DemoData;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;
using Omnichannel.Testing;
using RabbitMQ.Client;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>Nothing is lost before the first bind: on a fresh virtual host the producer starts first and publishes,
/// its consumers start later and still receive every event, once.</summary>
public sealed class FirstBindTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Office_events_published_before_queues_and_citizens_ever_started_reach_both_all_of_them_once(bool quorumQueues)
    {
        var tokens = new Tokens();
        var settings = await TestServers.NewPlatformSettingsAsync(tokens); // a new virtual host: no queue was ever bound
        settings["DemoData:Enabled"] = "true";
        settings["MassTransit:QuorumQueues"] = quorumQueues ? "true" : "false";
        var hosts = Platform.NewServiceHosts(settings, new ShiftedClock());
        PlatformWiring.IntroduceNeighbours(hosts);
        var deliveries = new Deliveries();
        ((ServiceHost<Queues.Program>)hosts["queues"]).WithServices(s => s.AddConsumeObserver(_ => deliveries));
        ((ServiceHost<Citizens.Program>)hosts["citizens"]).WithServices(s => s.AddConsumeObserver(_ => deliveries));
        var broker = new ConnectionFactory { Uri = new Uri(settings["ConnectionStrings:RabbitMq"]!) };
        var consumerQueues = Subscriptions.All.Select(s => s.Queue).Where(q => q.StartsWith("queues-") || q.StartsWith("citizens-")).Distinct().ToList();
        try
        {
            // The producer alone: appointments loads its demo offices and publishes them before anyone consumes; they wait in
            // the consumers' queues, which the consumers have never declared.
            hosts["appointments"].Start();
            var waiting = await Eventually.Until(() => WaitingAsync(broker, consumerQueues),
                w => w.GetValueOrDefault("queues-office-registered") == DemoOffices.Offices.Count && w.GetValueOrDefault("citizens-office-registered") == DemoOffices.Offices.Count,
                what: "the demo offices to wait in their consumers' queues");

            // The consumers, later.
            hosts["queues"].Start();
            hosts["citizens"].Start();
            var expected = waiting.Values.Sum(); // the demo data publishes only OfficeRegistered: one per office and consumer
            Assert.Equal(2 * DemoOffices.Offices.Count, expected);
            await Eventually.Until(() => Task.FromResult(deliveries.Distinct), n => n >= expected, TimeSpan.FromSeconds(60), "every waiting event to be consumed");
            await Eventually.Until(() => WaitingAsync(broker, consumerQueues), w => w.Values.Sum() == 0, what: "the queues to be empty");

            Assert.Equal(expected, deliveries.Distinct);
            Assert.Empty(deliveries.Duplicates);
            using var staff = ((ServiceHost<Queues.Program>)hosts["queues"]).Client(tokens.Staff());
            foreach (var office in DemoOffices.Offices)
                Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/queues/offices/{office.OfficeId}")).StatusCode);
        }
        finally
        {
            foreach (var host in hosts.Values.Reverse()) await host.DisposeAsync();
        }
    }

    /// <summary>The case the publishers' declarations cannot cover: a service whose queues did not exist when the offices
    /// were announced (deployed in a later release, or its queues lost). Its copy of the directory is caught up at start.</summary>
    [Fact]
    public async Task A_kiosks_service_whose_queues_missed_the_office_announcements_learns_every_office_when_it_starts()
    {
        var tokens = new Tokens();
        var settings = await TestServers.NewPlatformSettingsAsync(tokens);
        settings["DemoData:Enabled"] = "true";
        var hosts = Platform.NewServiceHosts(settings, new ShiftedClock());
        PlatformWiring.IntroduceNeighbours(hosts);
        var broker = new ConnectionFactory { Uri = new Uri(settings["ConnectionStrings:RabbitMq"]!) };
        var kioskQueues = Subscriptions.All.Select(s => s.Queue).Where(q => q.StartsWith("kiosks-office-")).Distinct().ToList();
        try
        {
            hosts["appointments"].Start();
            await Eventually.Until(() => WaitingAsync(broker, kioskQueues),
                w => w.GetValueOrDefault("kiosks-office-registered") == DemoOffices.Offices.Count, what: "the demo offices in the kiosks' queues");
            // As if the kiosks service had come after: what was announced never reached it.
            await using (var connection = await broker.CreateConnectionAsync())
            await using (var channel = await connection.CreateChannelAsync())
                foreach (var queue in kioskQueues) await channel.QueueDeleteAsync(queue);

            hosts["kiosks"].Start();

            using var staff = ((ServiceHost<Kiosks.Program>)hosts["kiosks"]).Client(tokens.Staff());
            foreach (var office in DemoOffices.Offices)
                await Eventually.Until(async () => (await staff.GetAsync($"/api/kiosks/offices/{office.OfficeId}/fleet")).StatusCode,
                    status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), $"the kiosks service to know office {office.OfficeId}");
        }
        finally
        {
            foreach (var host in hosts.Values.Reverse()) await host.DisposeAsync();
        }
    }

    /// <summary>Messages ready in each queue that exists.</summary>
    private static async Task<Dictionary<string, int>> WaitingAsync(ConnectionFactory broker, IEnumerable<string> queues)
    {
        await using var connection = await broker.CreateConnectionAsync();
        var waiting = new Dictionary<string, int>();
        foreach (var queue in queues)
        {
            await using var channel = await connection.CreateChannelAsync();
            try { waiting[queue] = (int)(await channel.QueueDeclarePassiveAsync(queue)).MessageCount; }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
            {
                // Not declared: nothing of its event type was published yet (publishers declare on their first publish).
            }
        }
        return waiting;
    }

    /// <summary>Every message a consumer finished with, by queue and message id.</summary>
    private sealed class Deliveries : IConsumeObserver
    {
        private readonly ConcurrentDictionary<(Uri?, Guid?), int> counts = new();

        public int Distinct => counts.Count;
        public IReadOnlyList<(Uri?, Guid?)> Duplicates => counts.Where(c => c.Value > 1).Select(c => c.Key).ToList();

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            // The directory's catch-up at each consumer's start publishes the offices again with their first ids: duplicates
            // by design, skipped by the consumers, and not what this test counts.
            if (context.Headers.Get<string>(CloudEventHeaders.Replay) is not null) return Task.CompletedTask;
            counts.AddOrUpdate((context.ReceiveContext.InputAddress, context.MessageId), 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
