using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Omnichannel.Testing;

/// <summary>A hosted service whatever its entry point, so a platform can hold its hosts in one list.</summary>
public interface IServiceHost : IAsyncDisposable
{
    Uri HttpAddress { get; }
    Uri? GrpcAddress { get; }
    IServiceHost With(string key, string? value);
    void Start();
}

/// <summary>One service (or the gateway) hosted in the test process on real loopback ports — REST on HTTP/1.1
/// and, for services, gRPC on h2c — so services and the gateway talk over sockets as in production.</summary>
public sealed class ServiceHost<TEntryPoint> : WebApplicationFactory<TEntryPoint>, IServiceHost where TEntryPoint : class
{
    private readonly Dictionary<string, string?> settings;
    private readonly List<Action<IServiceCollection>> overrides = [];

    /// <param name="httpPort">A REST port of the caller's choosing (a host that replaces a stopped one at the same
    /// address); a free one when null.</param>
    /// <param name="grpcPort">Likewise for gRPC, so neighbours that know the stopped host's address reach its replacement.</param>
    public ServiceHost(IReadOnlyDictionary<string, string?> settings, bool withGrpc, int? httpPort = null, int? grpcPort = null)
    {
        this.settings = new Dictionary<string, string?>(settings);
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort ?? LoopbackPorts.Free()}");
        GrpcAddress = withGrpc ? new Uri($"http://127.0.0.1:{grpcPort ?? LoopbackPorts.Free()}") : null;
        UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, HttpAddress.Port, l => l.Protocols = HttpProtocols.Http1);
            if (GrpcAddress is not null) kestrel.Listen(IPAddress.Loopback, GrpcAddress.Port, l => l.Protocols = HttpProtocols.Http2);
        });
    }

    public Uri HttpAddress { get; }
    public Uri? GrpcAddress { get; }

    /// <summary>Adds a setting before start-up, e.g. the address of a neighbour whose ports are now known.</summary>
    public ServiceHost<TEntryPoint> With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    IServiceHost IServiceHost.With(string key, string? value) => With(key, value);

    /// <summary>Another replica of this service, not started: the same settings and replaced services, ports of its own.</summary>
    public ServiceHost<TEntryPoint> Replica()
    {
        var replica = new ServiceHost<TEntryPoint>(settings, GrpcAddress is not null);
        replica.overrides.AddRange(overrides);
        return replica;
    }

    /// <summary>Replaces services after the host's own registrations, e.g. its <see cref="TimeProvider"/> by a clock the
    /// test moves.</summary>
    public ServiceHost<TEntryPoint> WithServices(Action<IServiceCollection> configure)
    {
        overrides.Add(configure);
        return this;
    }

    /// <summary>Starts the host and returns once it is ready: its bus connected with every consumer's queue bound.
    /// (MassTransit starts in the background; an event published before a queue is bound reaches nobody.)</summary>
    public void Start()
    {
        StartServer();
        Task.Run(() => WaitUntilReadyAsync(HttpAddress)).GetAwaiter().GetResult();
    }

    /// <summary>Polls /health/ready (PostgreSQL, the bus and its receive endpoints) until it answers 200.</summary>
    public static async Task WaitUntilReadyAsync(Uri address)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.Until(async () =>
        {
            try { return (await client.GetAsync("/health/ready")).StatusCode; }
            // A probe that times out (a starting host on a loaded machine) is asked again, like one refused.
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return HttpStatusCode.ServiceUnavailable; }
        }, status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), $"{address} to be ready");
    }

    /// <summary>How long a host gets to stop when a test is done with it.</summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(60);

    /// <summary>Stops the host, but does not wait for ever: a host that has not stopped within a minute is left behind and
    /// named on the console, so a stop that hangs (seen now and then at the end of the end-to-end run) is reported
    /// instead of holding the whole test run until CI's limit. A stop that throws is written out whole (xUnit prints only
    /// the exception's type for a fixture's clean-up) and not thrown on, so the platform's other hosts are still stopped
    /// and a run whose tests all passed is not failed by its clean-up.</summary>
    public override async ValueTask DisposeAsync()
    {
        var stopping = base.DisposeAsync().AsTask();
        if (await Task.WhenAny(stopping, Task.Delay(StopLimit)) != stopping)
        {
            Console.Error.WriteLine($"[omni] the {typeof(TEntryPoint).Namespace} host did not stop within {StopLimit.TotalSeconds} s; left behind");
            return;
        }
        try
        {
            await stopping;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"[omni] the {typeof(TEntryPoint).Namespace} host threw while stopping: {e}");
        }
    }

    /// <summary>A client for the REST port, with a bearer token when given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = HttpAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As in Development: a service that cannot build its container fails here, not at first use.
        builder.UseDefaultServiceProvider(o =>
        {
            o.ValidateOnBuild = true;
            o.ValidateScopes = true;
        });
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => overrides.ForEach(configure => configure(services)));
    }
}

/// <summary>Ports for the hosts a test starts. One counter for the whole process, not one per host type: a generic
/// class's static is per entry point, and two counters could hand one port to two hosts that both bind it later.</summary>
public static class LoopbackPorts
{
    private static int next = Random.Shared.Next(0, 12_000);

    /// <summary>A port nobody listens on, from 20000–31999: below the kernel's ephemeral range (32768 and up), so an
    /// outgoing connection cannot take it between now and the host's bind, as it could a port the kernel handed out.</summary>
    public static int Free()
    {
        for (var tries = 0; tries < 12_000; tries++)
        {
            var port = 20_000 + Interlocked.Increment(ref next) % 12_000;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try the next one
            }
        }
        throw new InvalidOperationException("No free port between 20000 and 31999.");
    }
}
