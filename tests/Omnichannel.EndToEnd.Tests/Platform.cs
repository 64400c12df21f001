using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>The platform as the channel front-ends see it: procedures, citizens and the gateway, each on its
/// own loopback ports, against a fresh database and virtual host, with the demo catalogue loaded.</summary>
public sealed class Platform : IAsyncLifetime
{
    public Tokens Tokens { get; } = new();
    public ServiceHost<Procedures.Program> Procedures { get; private set; } = null!;
    public ServiceHost<Citizens.Program> Citizens { get; private set; } = null!;
    public ServiceHost<Appointments.Program> Appointments { get; private set; } = null!;
    public ServiceHost<Queues.Program> Queues { get; private set; } = null!;
    public ServiceHost<Program> Gateway { get; private set; } = null!;

    /// <summary>The bus the citizens service consumes from, for publishing integration events by hand.</summary>
    public IBus CitizensBus => Citizens.Services.GetRequiredService<IBus>();

    /// <summary>The queues service's clock: the real one unless a test moves it (into an office's opening hours).</summary>
    public ShiftedClock QueuesClock { get; } = new();

    public HttpClient AsStaff() => Gateway.Client(Tokens.Staff());
    public HttpClient AsChannelApp(string tenant = Tokens.Tenant) => Gateway.Client(Tokens.ChannelApp(tenant));
    public HttpClient Anonymous() => Gateway.Client();

    public async Task InitializeAsync()
    {
        var common = await TestServers.NewPlatformSettingsAsync(Tokens);
        // Ports are chosen when a host is made, so each service can be told where the others are before it starts.
        Procedures = new ServiceHost<Procedures.Program>(common, withGrpc: true).With("DemoData:Enabled", "true");
        Citizens = new ServiceHost<Citizens.Program>(common, withGrpc: true);
        // Check-in opens long before the start here, so a test can check in for a slot days ahead.
        Appointments = new ServiceHost<Appointments.Program>(common, withGrpc: true).With("DemoData:Enabled", "true")
            .With("Appointments:CheckInOpensMinutesBefore", "200000");
        Queues = new ServiceHost<Queues.Program>(common, withGrpc: true).With("DemoData:Enabled", "true")
            .With("Services:Appointments:Grpc", Appointments.GrpcAddress!.ToString())
            .WithServices(services => services.AddSingleton<TimeProvider>(QueuesClock));
        var neighbours = new[] { ("Services:Procedures:Grpc", Procedures.GrpcAddress!.ToString()), ("Services:Citizens:Grpc", Citizens.GrpcAddress!.ToString()) };
        foreach (var (key, address) in neighbours)
        {
            Procedures.With(key, address);
            Citizens.With(key, address);
            Queues.With(key, address);
            Appointments.With(key, address);
        }
        Gateway = new ServiceHost<Program>(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = Tokens.Settings.SigningKey,
            ["ReverseProxy:Clusters:procedures:Destinations:primary:Address"] = Procedures.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:citizens:Destinations:primary:Address"] = Citizens.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:queues:Destinations:primary:Address"] = Queues.HttpAddress.ToString(),
            ["ReverseProxy:Clusters:appointments:Destinations:primary:Address"] = Appointments.HttpAddress.ToString(),
            ["RateLimiting:PermitsPerMinute"] = "100000",
            ["RateLimiting:BurstPermits"] = "10000",
        }, withGrpc: false);

        Procedures.Start();
        Citizens.Start();
        // Queues before appointments: its queues are bound before appointments publishes its demo offices.
        Queues.Start();
        Appointments.Start();
        Gateway.Start();
    }

    /// <summary>Registers a citizen through the gateway and returns the id.</summary>
    public async Task<Guid> RegisterCitizenAsync(string language = "es", string? phone = null)
    {
        var response = await AsChannelApp().PostAsJsonAsync("/api/citizens", new { preferredLanguage = language, channel = "phone", phone });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Registered>())!.CitizenId;
    }

    public sealed record Registered(Guid CitizenId);

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Queues.DisposeAsync();
        await Appointments.DisposeAsync();
        await Citizens.DisposeAsync();
        await Procedures.DisposeAsync();
    }
}
