using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.Incidents.Tests.Service;

/// <summary>
/// Procedures (demo catalogue), citizens and incidents on real PostgreSQL and RabbitMQ, the incidents service on a clock
/// the test moves (its SLA watcher's timer included), and a queue of our own bound to the incidents' integration events —
/// what another service would receive.
/// </summary>
public class IncidentsPlatform : IAsyncLifetime
{
    public IncidentsPlatform() : this(DateTimeOffset.UtcNow)
    {
    }

    /// <summary>With the incidents service's clock at <paramref name="start"/> (one public constructor: xUnit's rule for fixtures).</summary>
    protected IncidentsPlatform(DateTimeOffset start) => Clock = new FakeTimeProvider(start);

    public static readonly string[] Listened = ["IncidentReported", "IncidentProgressed", "IncidentSlaBreached", "IncidentRated"];

    public Tokens Tokens { get; } = new();
    public FakeTimeProvider Clock { get; }

    /// <summary>Each council's Open311 key, made up for this run (keys live in configuration, never in the repository).</summary>
    public string Open311Key { get; } = Guid.NewGuid().ToString("N");
    public string Open311KeyOfElPrat { get; } = Guid.NewGuid().ToString("N");
    public ServiceHost<Procedures.Program> Procedures { get; private set; } = null!;
    public ServiceHost<Citizens.Program> Citizens { get; private set; } = null!;
    public ServiceHost<Program> Incidents { get; private set; } = null!;

    private Dictionary<string, string?> settings = null!;

    /// <summary>The database the services use (to look at what is stored).</summary>
    public string PostgresConnectionString => settings["ConnectionStrings:Postgres"]!;
    private BusListener listener = null!;

    /// <summary>Every delivery so far, duplicates included (at-least-once): message type, MessageId, the message.</summary>
    public ConcurrentQueue<(string Type, Guid MessageId, JsonElement Message)> Received => listener.Received;

    public async Task InitializeAsync()
    {
        settings = new Dictionary<string, string?>(await TestServers.NewPlatformSettingsAsync(Tokens))
        {
            ["DemoData:Enabled"] = "true",
            [$"Incidents:Open311:ApiKeys:{Tokens.Tenant}"] = Open311Key,
            ["Incidents:Open311:ApiKeys:el-prat"] = Open311KeyOfElPrat,
            // Small limits, so a test shows the boundary without sending megabytes.
            ["Incidents:Attachments:MaxImageBytes"] = "200000",
            ["Incidents:Attachments:MaxVideoBytes"] = "400000",
        };
        await ConfigureAsync(settings);
        Procedures = new ServiceHost<Procedures.Program>(settings, withGrpc: true);
        Citizens = new ServiceHost<Citizens.Program>(settings, withGrpc: true);
        foreach (var host in new IServiceHost[] { Procedures, Citizens })
            host.With("services:procedures:grpc", Procedures.GrpcAddress!.ToString()).With("services:citizens:grpc", Citizens.GrpcAddress!.ToString());
        Incidents = NewIncidentsHost();
        Procedures.Start();
        Citizens.Start();

        listener = await BusListener.StartAsync(settings["ConnectionStrings:RabbitMq"]!, Listened, "test-incidents-listener");
        Incidents.Start();
    }

    /// <summary>A derived platform's own settings (and the servers they point at), before any service starts.</summary>
    protected virtual Task ConfigureAsync(Dictionary<string, string?> settings) => Task.CompletedTask;

    private ServiceHost<Program> NewIncidentsHost() => new ServiceHost<Program>(settings, withGrpc: true)
        .With("services:procedures:grpc", Procedures.GrpcAddress!.ToString())
        .With("services:citizens:grpc", Citizens.GrpcAddress!.ToString())
        .WithServices(services => services.AddSingleton<TimeProvider>(Clock));

    /// <summary>Stops the incidents service and starts it again on the same database, broker and clock.</summary>
    public async Task RestartIncidentsAsync()
    {
        await Incidents.DisposeAsync();
        Incidents = NewIncidentsHost();
        Incidents.Start();
    }

    /// <summary>The deliveries of one type about one incident, waiting until at least <paramref name="atLeast"/> arrived.</summary>
    public async Task<List<JsonElement>> ReceivedAsync(string type, Guid incidentId, int atLeast = 1, Action? meanwhile = null) =>
        await Eventually.Until(async () =>
        {
            meanwhile?.Invoke();
            await listener.DrainAsync();
            return Received.Where(r => r.Type == type && r.Message.GetProperty("incidentId").GetGuid() == incidentId).Select(r => r.Message).ToList();
        }, list => list.Count >= atLeast, TimeSpan.FromSeconds(30), $"{type} of {incidentId}");

    /// <summary>A token valid on the real clock and on the moved one alike (which may be a year or two ahead).</summary>
    public HttpClient AsStaff(string tenant = Tokens.Tenant) => Authorized(Incidents.Client(), OmnichannelRoles.Staff, tenant);

    public HttpClient AsChannelApp(string tenant = Tokens.Tenant) => Authorized(Incidents.Client(), OmnichannelRoles.ChannelApp, tenant);

    public string ServiceToken(string tenant = Tokens.Tenant) =>
        TokenIssuer.Issue(Tokens.Settings, OmnichannelRoles.Service, tenant, "service:test", TimeSpan.FromDays(60), DateTimeOffset.UtcNow.AddMinutes(-5));

    private HttpClient Authorized(HttpClient client, string role, string tenant)
    {
        var token = TokenIssuer.Issue(Tokens.Settings, role, tenant, role == OmnichannelRoles.Staff ? "staff-ana" : "kiosk-app", TimeSpan.FromDays(1000), DateTimeOffset.UtcNow.AddMinutes(-5));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A citizen registered with the citizens service.</summary>
    public async Task<Guid> RegisterCitizenAsync(string language = "ca")
    {
        using var http = Citizens.Client(Tokens.ChannelApp());
        var response = await http.PostAsJsonAsync("/api/citizens", new { preferredLanguage = language, channel = "online" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
    }

    public virtual async Task DisposeAsync()
    {
        await listener.DisposeAsync();
        await Incidents.DisposeAsync();
        await Citizens.DisposeAsync();
        await Procedures.DisposeAsync();
    }
}
