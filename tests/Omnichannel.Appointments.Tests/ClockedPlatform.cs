using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.Testing;

namespace Omnichannel.Appointments.Tests;

/// <summary>
/// Procedures, citizens and appointments on real PostgreSQL and RabbitMQ, the appointments service on a clock the test
/// moves (its watcher's timer included), and a queue of our own bound to the appointments' integration events — what
/// another service would receive.
/// </summary>
public sealed class ClockedPlatform : IAsyncLifetime
{
    public static readonly string[] Listened = ["AppointmentBooked", "AppointmentReminderDue", "AppointmentMissed", "WaitingListPlaceFreed"];

    public Tokens Tokens { get; } = new();
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public ServiceHost<Procedures.Program> Procedures { get; private set; } = null!;
    public ServiceHost<Citizens.Program> Citizens { get; private set; } = null!;
    public ServiceHost<Program> Appointments { get; private set; } = null!;

    private Dictionary<string, string?> settings = null!;
    private BusListener listener = null!;

    /// <summary>Every delivery so far, duplicates included (at-least-once): message type, MessageId, the message.</summary>
    public ConcurrentQueue<(string Type, Guid MessageId, JsonElement Message)> Received => listener.Received;

    public async Task InitializeAsync()
    {
        settings = new Dictionary<string, string?>(await TestServers.NewPlatformSettingsAsync(Tokens))
        {
            ["DemoData:Enabled"] = "true",
            // Places are let in as soon as they join (the settling before admission has a test of its own).
            ["Appointments:WaitingRoom:SettleMilliseconds"] = "0",
        };
        Procedures = new ServiceHost<Procedures.Program>(settings, withGrpc: true);
        Citizens = new ServiceHost<Citizens.Program>(settings, withGrpc: true);
        Procedures.With("Services:Procedures:Grpc", Procedures.GrpcAddress!.ToString()).With("Services:Citizens:Grpc", Citizens.GrpcAddress!.ToString());
        Citizens.With("Services:Procedures:Grpc", Procedures.GrpcAddress!.ToString()).With("Services:Citizens:Grpc", Citizens.GrpcAddress!.ToString());
        Procedures.Start();
        Citizens.Start();

        listener = await BusListener.StartAsync(settings["ConnectionStrings:RabbitMq"]!, Listened, "test-appointments-listener");

        Appointments = NewAppointmentsHost();
        Appointments.Start();
    }

    private ServiceHost<Program> NewAppointmentsHost() => new ServiceHost<Program>(settings, withGrpc: true)
        .With("Services:Procedures:Grpc", Procedures.GrpcAddress!.ToString())
        .With("Services:Citizens:Grpc", Citizens.GrpcAddress!.ToString())
        .WithServices(services => services.AddSingleton<TimeProvider>(Clock));

    /// <summary>Another replica of the appointments service on the same database, broker and clock (the caller starts
    /// and disposes it).</summary>
    public ServiceHost<Program> NewAppointmentsReplica() => NewAppointmentsHost();

    /// <summary>Stops the appointments service and starts it again on the same database, broker and clock.</summary>
    public async Task RestartAppointmentsAsync()
    {
        await Appointments.DisposeAsync();
        Appointments = NewAppointmentsHost();
        Appointments.Start();
    }

    /// <summary>Moves the clock; the watcher's timer (every 30 s) is due at once and makes a pass at the new time.</summary>
    public void Advance(TimeSpan by) => Clock.Advance(by);

    /// <summary>One more interval: the watcher looks again.</summary>
    public void Tick() => Clock.Advance(TimeSpan.FromSeconds(31));

    /// <summary>Takes what has arrived on our queue into <see cref="Received"/>.</summary>
    public Task DrainAsync() => listener.DrainAsync();

    /// <summary>The deliveries of one type about one appointment, waiting until at least <paramref name="atLeast"/> arrived.</summary>
    public async Task<List<(Guid MessageId, JsonElement Message)>> ReceivedAsync(string type, Guid appointmentId, int atLeast = 1) =>
        await Eventually.Until(async () =>
        {
            await DrainAsync();
            return Received.Where(r => r.Type == type && r.Message.GetProperty("appointmentId").GetGuid() == appointmentId).Select(r => (r.MessageId, r.Message)).ToList();
        }, list => list.Count >= atLeast, TimeSpan.FromSeconds(30), $"{type} of {appointmentId}");

    /// <summary>A token valid on the real clock and on the moved one alike (the services may judge it by either).</summary>
    public HttpClient Client() => Authorized(Appointments.Client());

    public HttpClient CitizensClient() => Authorized(Citizens.Client());

    private HttpClient Authorized(HttpClient client)
    {
        var token = TokenIssuer.Issue(Tokens.Settings, OmnichannelRoles.Staff, Tokens.Tenant, "staff-ana", TimeSpan.FromDays(60), DateTimeOffset.UtcNow.AddMinutes(-5));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        await listener.DisposeAsync();
        await Appointments.DisposeAsync();
        await Citizens.DisposeAsync();
        await Procedures.DisposeAsync();
    }
}
