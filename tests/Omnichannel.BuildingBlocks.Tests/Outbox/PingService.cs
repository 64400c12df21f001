using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts;
using Omnichannel.Testing;

namespace Omnichannel.BuildingBlocks.Tests.Outbox;

/// <summary>A stored event of the test service.</summary>
public sealed record PingRecorded(int Number);

/// <summary>Its integration event.</summary>
public sealed record Pinged(string TenantId, DateTimeOffset OccurredAt, Guid? CitizenId, string? Channel, int Number) : IIntegrationEvent;

public sealed class PingMapper : IIntegrationEventMapper
{
    public string Source => "/tests/ping";

    public IIntegrationEvent? Map(IEvent stored) => stored.Data is PingRecorded p
        ? new Pinged(stored.TenantId, stored.Timestamp, null, "online", p.Number)
        : null;
}

/// <summary>One document per application of a message: a message applied twice leaves two.</summary>
public sealed class PingApplication
{
    public Guid Id { get; set; }
    public Guid MessageId { get; set; }
    public int Number { get; set; }
}

public sealed class PingConsumer(IDocumentStore store) : IdempotentConsumer<Pinged>(store)
{
    protected override Task HandleAsync(ConsumeContext<Pinged> context, IDocumentSession session)
    {
        session.Store(new PingApplication { Id = Guid.NewGuid(), MessageId = context.MessageId!.Value, Number = context.Message.Number });
        return Task.CompletedTask;
    }
}

/// <summary>Counts deliveries a consumer has finished with, whether it applied them or found them already applied.</summary>
public sealed class ConsumedMessages : IConsumeObserver
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<Guid> ids = new();

    public IReadOnlyCollection<Guid> Ids => ids.ToArray();

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.MessageId is { } id) ids.Enqueue(id);
        return Task.CompletedTask;
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

/// <summary>A minimal service built with the real building blocks, against the real servers.</summary>
public sealed class PingService : IAsyncDisposable
{
    private readonly WebApplication app;

    private readonly ConsumedMessages consumed = new();

    private PingService(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
        Bus.ConnectConsumeObserver(consumed);
    }

    public Uri Address { get; }
    public IServiceProvider Services => app.Services;
    public IConfiguration Configuration => app.Configuration;
    public string VirtualHost => new Uri(app.Configuration.GetConnectionString("RabbitMq")!).AbsolutePath.TrimStart('/');

    public IDocumentStore Store => app.Services.GetRequiredService<IDocumentStore>();
    public IBus Bus => app.Services.GetRequiredService<IBus>();

    /// <summary>The id of every message a consumer has finished with, once per delivery (duplicates included).</summary>
    public IReadOnlyCollection<Guid> Consumed => consumed.Ids;

    /// <summary>Starts the service; <paramref name="settings"/> add to or override its configuration.</summary>
    public static async Task<PingService> StartAsync(
        IDictionary<string, string?>? settings = null, Action<MartenServiceCollectionExtensions.MartenConfigurationExpression>? subscriptions = null)
    {
        var builder = WebApplication.CreateBuilder();
        var address = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        builder.WebHost.UseUrls(address.ToString());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = await TestServers.NewDatabaseAsync(),
            ["ConnectionStrings:RabbitMq"] = (await TestServers.NewVirtualHostAsync()).ToString(),
            ["Auth:SigningKey"] = Tokens.NewSecret(),
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults(new ServiceSetup
        {
            Name = "ping",
            Assembly = typeof(PingService).Assembly,
            IntegrationEvents = typeof(PingMapper),
            Consumers = bus => bus.AddConsumer<PingConsumer>(),
            Subscriptions = subscriptions,
        });
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        await ServiceHost<PingService>.WaitUntilReadyAsync(address);
        return new PingService(app, address);
    }

    /// <summary>Appends pings to their own streams (as separate commands would) and returns their event ids.</summary>
    public async Task<IReadOnlyList<Guid>> AppendPingsAsync(int from, int count, string tenant = "mataro")
    {
        var ids = new List<Guid>();
        for (var n = from; n < from + count; n++)
        {
            await using var session = Store.LightweightSession(tenant);
            var action = session.Events.StartStream($"ping:{n}", new PingRecorded(n));
            await session.SaveChangesAsync();
            ids.Add(action.Events.Single().Id);
        }
        return ids;
    }

    public async Task<IReadOnlyList<PingApplication>> ApplicationsAsync(string tenant = "mataro")
    {
        await using var session = Store.QuerySession(tenant);
        return await session.Query<PingApplication>().ToListAsync();
    }

    private bool disposed;

    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
