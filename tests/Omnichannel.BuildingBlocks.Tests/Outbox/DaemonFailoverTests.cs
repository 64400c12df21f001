using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Testing;

namespace Omnichannel.BuildingBlocks.Tests.Outbox;

/// <summary>HotCold daemons: two processes of one service on one database; when the one running the outbox
/// goes, the other takes it over and nothing is lost.</summary>
[Collection(BrokerOutages.Name)]
public sealed class DaemonFailoverTests
{
    private const string Outbox = OutboxSubscription.SubscriptionName + ":All";

    [Fact]
    public async Task When_the_process_running_the_outbox_stops_the_other_takes_over_and_every_event_arrives_once()
    {
        var fast = new Dictionary<string, string?> { ["Daemon:LeadershipPollingTime"] = "00:00:00.500" };
        await using var first = await PingService.StartAsync(fast);
        await using var second = await PingService.StartAsync(new Dictionary<string, string?>(fast)
        {
            ["ConnectionStrings:Postgres"] = first.Configuration.GetConnectionString("Postgres"),
            ["ConnectionStrings:RabbitMq"] = first.Configuration.GetConnectionString("RabbitMq"),
        });

        var appended = new List<Guid>(await first.AppendPingsAsync(0, 40));
        await Eventually.Until(() => first.ApplicationsAsync(), a => a.Count >= appended.Count, TimeSpan.FromSeconds(60), "the first pings to be consumed");
        var leader = await Eventually.Until(() => Task.FromResult(new[] { first, second }.Where(RunsTheOutbox).ToList()), l => l.Count == 1,
            TimeSpan.FromSeconds(30), "one process to run the outbox").ContinueWith(t => t.Result.Single());
        var standby = leader == first ? second : first;

        await leader.DisposeAsync();
        appended.AddRange(await standby.AppendPingsAsync(40, 40));

        await Eventually.Until(() => Task.FromResult(RunsTheOutbox(standby)), runs => runs, TimeSpan.FromSeconds(15), "the standby to take the outbox over");
        var applied = await Eventually.Until(() => standby.ApplicationsAsync(), a => a.Count >= appended.Count, TimeSpan.FromSeconds(60), "every ping to be consumed");
        // A page re-published by the new holder is deduplicated by the consumer: each ping applied exactly once.
        Assert.Equal(appended.Order(), applied.Select(a => a.MessageId).Order());
    }

    private static bool RunsTheOutbox(PingService service)
    {
        try
        {
            return service.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase()
                .CurrentAgents().Any(agent => agent.Name.Identity == Outbox && agent.Status == JasperFx.AgentStatus.Running);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
