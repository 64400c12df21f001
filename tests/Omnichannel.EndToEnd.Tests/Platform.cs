extern alias analytics;

using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.AppHost;
using Omnichannel.Testing;
using Omnichannel.Testing.Fakes;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>The platform as the channel front-ends see it: every service of <c>PlatformServices.All</c> and the gateway,
/// each on its own loopback ports, against a fresh database and virtual host, with the demo data loaded. Hosted in the
/// test process (so a test can replace a service or move a clock), wired as the AppHost wires the local run.</summary>
public sealed class Platform : IAsyncLifetime
{
    public Tokens Tokens { get; } = new();
    public ServiceHost<Procedures.Program> Procedures { get; private set; } = null!;
    public ServiceHost<Citizens.Program> Citizens { get; private set; } = null!;
    public ServiceHost<Appointments.Program> Appointments { get; private set; } = null!;
    public ServiceHost<Queues.Program> Queues { get; private set; } = null!;
    public ServiceHost<Incidents.Program> Incidents { get; private set; } = null!;
    public ServiceHost<Messaging.Program> Messaging { get; private set; } = null!;

    /// <summary>The messaging service's bot and WhatsApp app, and the fakes of their providers' APIs it sends to.</summary>
    public MessagingAccounts MessagingAccounts { get; } = new();
    public FakeTelegramBotApi TelegramApi { get; private set; } = null!;
    public FakeWhatsAppGraphApi WhatsAppApi { get; private set; } = null!;
    public ServiceHost<Program> Gateway { get; private set; } = null!;

    /// <summary>The service hosts by their names in the list.</summary>
    public IReadOnlyDictionary<string, IServiceHost> Services { get; private set; } = null!;

    /// <summary>The bus the citizens service consumes from, for publishing integration events by hand.</summary>
    public IBus CitizensBus => Citizens.Services.GetRequiredService<IBus>();

    /// <summary>The queues service's clock: the real one unless a test moves it (into an office's opening hours).</summary>
    public ShiftedClock QueuesClock { get; } = new();

    public HttpClient AsStaff() => Gateway.Client(Tokens.Staff());
    public HttpClient AsChannelApp(string tenant = Tokens.Tenant) => Gateway.Client(Tokens.ChannelApp(tenant));
    public HttpClient Anonymous() => Gateway.Client();

    /// <summary>The council's Open311 key, made up for this run (keys live in configuration, never in the repository).</summary>
    public string Open311Key { get; } = Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        var common = await TestServers.NewPlatformSettingsAsync(Tokens);
        common["DemoData:Enabled"] = "true";
        common[$"Incidents:Open311:ApiKeys:{Tokens.Tenant}"] = Open311Key;
        // A technical incident's resolution is due 9 s after its report here (round the clock), and the SLA watcher looks
        // every 2 s, so a breach reaches the bus while a test waits (IncidentsEndToEndTests); no other test reports one.
        common[$"Incidents:Councils:{Tokens.Tenant}:Targets:technical-incident:ResolutionHours"] = "0.0025";
        common["Incidents:WatchIntervalSeconds"] = "2";
        Services = NewServiceHosts(common, QueuesClock);
        Procedures = (ServiceHost<Procedures.Program>)Services["procedures"];
        Citizens = (ServiceHost<Citizens.Program>)Services["citizens"];
        Appointments = (ServiceHost<Appointments.Program>)Services["appointments"];
        Queues = (ServiceHost<Queues.Program>)Services["queues"];
        Incidents = (ServiceHost<Incidents.Program>)Services["incidents"];
        Messaging = (ServiceHost<Messaging.Program>)Services["messaging"];
        TelegramApi = new FakeTelegramBotApi(MessagingAccounts.BotToken);
        WhatsAppApi = new FakeWhatsAppGraphApi(MessagingAccounts.AccessToken);
        foreach (var (key, value) in MessagingAccounts.Settings(TelegramApi.BaseUrl, WhatsAppApi.BaseUrl)) Messaging.With(key, value);
        PlatformWiring.EnsureEveryService(Services);
        PlatformWiring.IntroduceNeighbours(Services);
        Gateway = NewGateway();

        // In the list's order, none waiting for another: what appointments publishes as it starts (its demo offices)
        // waits in queues' and citizens' queues, declared by its first publish (contracts/Subscriptions.cs).
        foreach (var service in PlatformServices.All) Services[service.Name].Start();
        Gateway.Start();
    }

    /// <summary>A gateway, not started, in front of the platform's services, or of other replicas of some of them
    /// (a second gateway replica of a test).</summary>
    public ServiceHost<Program> NewGateway(IReadOnlyDictionary<string, IServiceHost>? replicas = null)
    {
        var behind = new Dictionary<string, IServiceHost>(Services);
        foreach (var (name, host) in replicas ?? new Dictionary<string, IServiceHost>()) behind[name] = host;
        var gateway = PlatformWiring.GatewaySettings(behind);
        gateway["Auth:SigningKey"] = Tokens.Settings.SigningKey;
        gateway["RateLimiting:PermitsPerMinute"] = "100000";
        gateway["RateLimiting:BurstPermits"] = "10000";
        return new ServiceHost<Program>(gateway, withGrpc: false);
    }

    /// <summary>A host, not started, for each service of the platform. Ports are chosen when a host is made, so each
    /// service can be told where the others are before it starts.</summary>
    public static Dictionary<string, IServiceHost> NewServiceHosts(IReadOnlyDictionary<string, string?> settings, TimeProvider queuesClock) => new()
    {
        ["procedures"] = new ServiceHost<Procedures.Program>(settings, withGrpc: true),
        ["citizens"] = new ServiceHost<Citizens.Program>(settings, withGrpc: true),
        // Check-in opens long before the start here, so a test can check in for a slot days ahead.
        ["appointments"] = new ServiceHost<Appointments.Program>(settings, withGrpc: true).With("Appointments:CheckInOpensMinutesBefore", "200000"),
        ["queues"] = new ServiceHost<Queues.Program>(settings, withGrpc: true).WithServices(services => services.AddSingleton(queuesClock)),
        ["incidents"] = new ServiceHost<Incidents.Program>(settings, withGrpc: true),
        ["kiosks"] = new ServiceHost<Kiosks.Program>(settings, withGrpc: true),
        ["messaging"] = new ServiceHost<Messaging.Program>(settings, withGrpc: true),
        // Its keys are made for this run; the platform's tests still sign their tokens with the shared test key. It has no
        // projection, outbox or subscription: no daemon, so it holds no connection of its own between requests.
        ["identity"] = new ServiceHost<Identity.Program>(settings, withGrpc: true).With("Daemon:Enabled", "false")
            .With("Identity:SigningKeys:0", Identity.Keys.SigningKeys.NewKeyText()).With("Identity:EncryptionKey", Tokens.NewSecret()),
        ["analytics"] = new ServiceHost<analytics::Omnichannel.Analytics.Program>(settings, withGrpc: true),
        // The staff console; its own browser tests (tests/Omnichannel.Console.Tests) sign in through it.
        ["console"] = new ServiceHost<StaffConsole.Program>(settings, withGrpc: true),
    };

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
        foreach (var host in Services.Values.Reverse()) await host.DisposeAsync();
        if (TelegramApi is not null) await TelegramApi.DisposeAsync();
        if (WhatsAppApi is not null) await WhatsAppApi.DisposeAsync();
    }
}
