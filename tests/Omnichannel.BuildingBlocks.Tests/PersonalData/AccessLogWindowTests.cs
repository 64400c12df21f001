using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Tests.Outbox;
using Omnichannel.Testing;

namespace Omnichannel.BuildingBlocks.Tests.PersonalData;

/// <summary>The access log's repeat window is the database's, not a replica's memory: the same read arriving at two
/// instances of a service at once is logged once, and the chain stays intact.</summary>
public sealed class AccessLogWindowTests
{
    private const string Council = "mataro";

    [Fact]
    public async Task The_same_read_at_two_instances_of_a_service_is_logged_once()
    {
        await using var first = await PingService.StartAsync();
        await using var second = await PingService.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = first.Configuration.GetConnectionString("Postgres"),
            ["ConnectionStrings:RabbitMq"] = first.Configuration.GetConnectionString("RabbitMq"),
        });
        var logs = new[] { first.Services.GetRequiredService<AccessLog>(), second.Services.GetRequiredService<AccessLog>() };
        var citizen = Guid.NewGuid();
        var path = $"/api/citizens/{citizen}/history";

        // A console panel open on each replica, both refreshing at once, a few times over.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            logs[i % 2].RecordReadAsync(Council, citizen, "staff-ana", "citizen-history", "citizen-request", path, CancellationToken.None)));
        // Another reason is another access.
        await logs[1].RecordReadAsync(Council, citizen, "staff-ana", "citizen-history", "case-handling", path, CancellationToken.None);

        var page = await logs[0].ReadAsync(Council, citizen, CancellationToken.None);
        Assert.True(page.Intact);
        Assert.Equal(["citizen-request", "case-handling"], page.Items.Select(e => e.Why));
    }

    [Fact]
    public async Task A_read_repeated_after_the_window_at_another_instance_is_logged_again()
    {
        await using var first = await PingService.StartAsync();
        await using var second = await PingService.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = first.Configuration.GetConnectionString("Postgres"),
            ["ConnectionStrings:RabbitMq"] = first.Configuration.GetConnectionString("RabbitMq"),
        });
        var clock = new ShiftedClock();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AccessLog:RepeatWindowSeconds"] = "300" }).Build();
        var one = new AccessLog(first.Store, clock, configuration);
        var other = new AccessLog(second.Store, clock, configuration);
        var citizen = Guid.NewGuid();
        Task Read(AccessLog log) => log.RecordReadAsync(Council, citizen, "staff-ana", "citizen-profile", "case-handling", $"/api/citizens/{citizen}", CancellationToken.None);

        await Read(one);
        clock.Offset = TimeSpan.FromSeconds(299);
        await Read(other);
        Assert.Single((await one.ReadAsync(Council, citizen, CancellationToken.None)).Items);

        clock.Offset = TimeSpan.FromSeconds(301);
        await Read(other);
        var page = await one.ReadAsync(Council, citizen, CancellationToken.None);
        Assert.True(page.Intact);
        Assert.Equal(2, page.Items.Count);
    }
}
