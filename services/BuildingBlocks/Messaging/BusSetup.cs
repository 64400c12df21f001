using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.Contracts;

namespace Omnichannel.BuildingBlocks.Messaging;

public static class BusSetup
{
    /// <summary>
    /// MassTransit on RabbitMQ for one service: queues named "&lt;service&gt;-&lt;consumer&gt;", retries
    /// before a message goes to its _error queue (never dropped), quorum queues when
    /// <c>MassTransit:QuorumQueues</c> is true (a clustered broker on Kubernetes).
    /// Registered before Marten, so on shutdown the outbox subscription drains before the bus stops.
    /// </summary>
    public static IServiceCollection AddMessageBus(
        this IServiceCollection services, IConfiguration configuration, string serviceName, Action<IBusRegistrationConfigurator>? consumers)
    {
        var rabbit = configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not set.");
        var quorum = configuration.GetValue("MassTransit:QuorumQueues", false);

        // The disabled staff accounts: filled by the consumer below (and the catch-up at start), read by the token check
        // (AuthSetup), one instance for both. Registered here only, with the consumer that fills it.
        services.AddSingleton<StaffAccessWithdrawals>();
        services.AddMassTransit(bus =>
        {
            // MassTransit would otherwise report usage to its vendor over the internet: a council's platform
            // sends nothing outside its own network.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            consumers?.Invoke(bus);
            // Staff accounts disabled or enabled again, for token validation: on this instance's own queue below.
            bus.AddConsumer<StaffAccessConsumer>().ExcludeFromConfigureEndpoints();
            // Quorum on each consumer's endpoint: the bus-wide SetQuorumQueue() reaches only the bus's own endpoint, so
            // consumers' queues used to stay classic; publishers declare them as quorum (DeclareSubscribersOnPublish)
            // and both sides must declare the same arguments, or RabbitMQ refuses the second (PRECONDITION_FAILED).
            if (quorum)
                bus.AddConfigureEndpointsCallback((name, endpoint) =>
                {
                    // Not this instance's own staff-access queue: a quorum queue cannot be deleted with its consumer.
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitMqEndpoint && !name.Contains(StaffAccessConsumer.QueueTag, StringComparison.Ordinal))
                        rabbitMqEndpoint.SetQuorumQueue();
                });
            bus.UsingRabbitMq((context, rabbitMq) =>
            {
                rabbitMq.Host(new Uri(rabbit));
                rabbitMq.UseConsumeFilter(typeof(RequestContextConsumeFilter<>), context);
                rabbitMq.UseMessageRetry(retry => retry.Exponential(8, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
                rabbitMq.DeclareSubscribersOnPublish(Subscriptions.All, quorum);
                rabbitMq.ConfigureEndpoints(context);
                // Every instance hears every staff-access change (not one replica of the service, as on a shared queue);
                // the queue goes with the instance, and the next one reads what it missed at start (StaffAccessCatchUp).
                rabbitMq.ReceiveEndpoint($"{serviceName}-{StaffAccessConsumer.QueueTag}-{NewId.NextGuid():N}", endpoint =>
                {
                    endpoint.Durable = false;
                    endpoint.AutoDelete = true;
                    endpoint.ConfigureConsumer<StaffAccessConsumer>(context);
                });
            });
        });
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(20);
        });
        return services;
    }

    /// <summary>
    /// RabbitMQ drops what is published to an exchange with no queue bound: an event published before its consumer's
    /// service has ever started (a fresh broker, the producer first) would reach nobody. So the first publish of each
    /// event type declares the queues of <paramref name="subscriptions"/> that consume it, as their consumers declare
    /// them (durable, quorum when the consumers' are), and binds them to the event's exchange. Declarations are
    /// idempotent and repeated after a reconnection; the consumer's own binding (through its endpoint exchange) comes
    /// when it starts, and RabbitMQ delivers a message once per queue whatever the number of paths to it.
    /// </summary>
    public static void DeclareSubscribersOnPublish(this IRabbitMqBusFactoryConfigurator rabbitMq, IEnumerable<Subscription> subscriptions, bool quorum)
    {
        var declare = typeof(BusSetup).GetMethod(nameof(DeclareSubscribers), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var byEvent in subscriptions.GroupBy(s => s.Event))
            declare.MakeGenericMethod(byEvent.Key).Invoke(null, [rabbitMq, byEvent.Select(s => s.Queue).Distinct().ToArray(), quorum]);
    }

    private static void DeclareSubscribers<T>(IRabbitMqBusFactoryConfigurator rabbitMq, string[] queues, bool quorum) where T : class =>
        rabbitMq.Publish<T>(publish =>
        {
            foreach (var queue in queues)
                publish.BindQueue(publish.Exchange.ExchangeName, queue, q =>
                {
                    if (quorum) q.SetQuorumQueue();
                });
        });
}

/// <summary>Makes the message's tenant and correlation id the current ones while it is consumed,
/// so gRPC calls and sessions opened by the consumer carry them.</summary>
public sealed class RequestContextConsumeFilter<T> : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var tenant = context.Message is Contracts.IIntegrationEvent e ? e.TenantId : context.Headers.Get<string>(CloudEventHeaders.Tenant);
        using var scope = RequestContext.Begin(tenant, context.Headers.Get<string>(CloudEventHeaders.CorrelationId) ?? context.CorrelationId?.ToString("N"));
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("request-context");
}
