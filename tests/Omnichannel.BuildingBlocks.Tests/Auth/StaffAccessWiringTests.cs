using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Auth;
using MassTransit;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Contracts.V1;

namespace Omnichannel.BuildingBlocks.Tests.Auth;

/// <summary>Where the disabled staff accounts are kept: registered once, by the bus that hears them, and read by the token
/// check from the same container; the gateway (token check, no bus) keeps none. Nothing connects: only the registrations.</summary>
public sealed class StaffAccessWiringTests
{
    private static readonly IConfiguration Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:RabbitMq"] = "amqp://guest:guest@127.0.0.1:1/",
        ["Auth:SigningKey"] = new string('k', 32),
    }).Build();

    [Fact]
    public async Task A_service_registers_the_withdrawals_once_and_its_consumer_and_token_check_read_the_same_instance()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMessageBus(Configuration, "procedures", consumers: null);
        services.AddTokenAuth(Configuration);

        Assert.Single(services, d => d.ServiceType == typeof(StaffAccessWithdrawals));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        // The consumer as the bus builds it (in a scope of its own), hearing that an account was disabled.
        await using (var consuming = provider.CreateAsyncScope())
            await consuming.ServiceProvider.GetRequiredService<StaffAccessConsumer>()
                .Consume(Message(new StaffAccountDisabled("mataro", DateTimeOffset.UtcNow, null, null, "account-1")));

        // The token check looks the set up in the request's services.
        await using var request = provider.CreateAsyncScope();
        var withdrawals = request.ServiceProvider.GetService<StaffAccessWithdrawals>();
        Assert.NotNull(withdrawals);
        Assert.True(withdrawals.Refuses("account-1", DateTimeOffset.UtcNow.AddMinutes(-1)));
    }

    [Fact]
    public void The_gateway_s_token_check_alone_keeps_no_withdrawals()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddTokenAuth(Configuration);

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(StaffAccessWithdrawals));
    }

    /// <summary>A consume context that carries only its message: all the consumer reads.</summary>
    private static ConsumeContext<T> Message<T>(T message) where T : class
    {
        var context = System.Reflection.DispatchProxy.Create<ConsumeContext<T>, MessageOnly>();
        ((MessageOnly)(object)context).Value = message;
        return context;
    }

    public class MessageOnly : System.Reflection.DispatchProxy
    {
        public object? Value { get; set; }

        protected override object? Invoke(System.Reflection.MethodInfo? method, object?[]? args) =>
            method?.Name == "get_Message" ? Value : throw new NotSupportedException(method?.Name);
    }
}
