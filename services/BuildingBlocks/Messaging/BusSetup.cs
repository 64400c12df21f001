using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Context;

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

        services.AddMassTransit(bus =>
        {
            // MassTransit would otherwise report usage to its vendor over the internet: a council's platform
            // sends nothing outside its own network.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            consumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbitMq) =>
            {
                rabbitMq.Host(new Uri(rabbit));
                rabbitMq.UseConsumeFilter(typeof(RequestContextConsumeFilter<>), context);
                rabbitMq.UseMessageRetry(retry => retry.Exponential(8, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
                if (quorum) rabbitMq.SetQuorumQueue();
                rabbitMq.ConfigureEndpoints(context);
            });
        });
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(20);
        });
        return services;
    }
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
