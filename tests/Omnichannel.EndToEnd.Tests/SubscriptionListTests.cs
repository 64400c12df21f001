using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.AppHost;
using Omnichannel.BuildingBlocks;
using Omnichannel.Contracts;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>
/// contracts/Subscriptions.cs against the consumers the services register: publishers declare the queues listed there
/// before their first publish, so a consumer missing from the list would lose what is published before it first starts.
/// </summary>
public sealed class SubscriptionListTests
{
    /// <summary>Each listed service's setup, by its name in <see cref="PlatformServices"/>.</summary>
    /// <summary>Each listed service's setup, found in its assembly (the project named in the list), so a service added to
    /// the list is checked without touching this test.</summary>
    private static readonly IReadOnlyDictionary<string, ServiceSetup> Setups = PlatformServices.All.ToDictionary(
        s => s.Name,
        s => (ServiceSetup)System.Reflection.Assembly.Load(Path.GetFileNameWithoutExtension(s.Project)).GetTypes()
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Single(f => f.FieldType == typeof(ServiceSetup)).GetValue(null)!);

    /// <summary>What the services' registrations make of the broker: one queue per consumer, named as
    /// <see cref="BuildingBlocks.Messaging.BusSetup"/> names it, and the integration events it consumes there.</summary>
    private static IEnumerable<Subscription> Registered() =>
        from service in Setups
        let formatter = new KebabCaseEndpointNameFormatter(service.Value.Name, includeNamespace: false)
        from consumer in ConsumerTypes(service.Value)
        let queue = (string)typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!
            .MakeGenericMethod(consumer).Invoke(formatter, null)!
        from contract in consumer.GetInterfaces()
        where contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IConsumer<>)
        select new Subscription(queue, contract.GetGenericArguments()[0]);

    /// <summary>The consumer classes a setup registers: MassTransit adds each to the container as itself.</summary>
    internal static IEnumerable<Type> ConsumerTypes(ServiceSetup setup)
    {
        var services = new ServiceCollection();
        services.AddMassTransit(setup.RegisterConsumers);
        return services.Select(d => d.ServiceType)
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IConsumer).IsAssignableFrom(t) && !t.Namespace!.StartsWith("MassTransit"))
            .Distinct();
    }

    private static string Line(Subscription s) => $"new(\"{s.Queue}\", typeof({s.Event.Name})),";

    [Fact]
    public void Every_registered_consumer_is_listed_with_its_queue_and_events()
    {
        var registered = Registered().ToList();
        Assert.NotEmpty(registered);
        var missing = registered.Except(Subscriptions.All).Select(Line).ToList();
        Assert.True(missing.Count == 0,
            $"contracts/Subscriptions.cs does not list these consumers; a publisher would not declare their queues:\n{string.Join("\n", missing)}");
    }

    [Fact]
    public void Every_listed_subscription_has_a_registered_consumer()
    {
        var unconsumed = Subscriptions.All.Except(Registered()).Select(Line).ToList();
        Assert.True(unconsumed.Count == 0,
            $"contracts/Subscriptions.cs lists queues no service consumes from (publishers would fill them forever):\n{string.Join("\n", unconsumed)}");
    }

    [Fact]
    public void Every_listed_queue_belongs_to_a_listed_service()
    {
        Assert.All(Subscriptions.All, s => Assert.Contains(PlatformServices.All, p => s.Queue.StartsWith(p.Name + "-")));
    }
}
