extern alias gateway;
using System.Globalization;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Omnichannel.Testing;

namespace Omnichannel.Benchmarks;

/// <summary>
/// The set-up the browser benchmarks share (linked into tools/Omnichannel.Benchmarks.Board and .Display, which reference
/// the same services and the gateway under the alias "gateway"): the platform's settings on the throwaway servers
/// tools/bench.sh started, with the demo data and a calendar open every hour (so walk-ins are issued whenever it runs);
/// the gateway and the services hosted in this process with their content roots from the repository root (where
/// tools/bench.sh runs: a console app has no test manifest lookup); the demo office registered as the office directory
/// would and its desks opened; Debian's headless Chromium (never a browser download); plain clients through the gateway.
/// What each benchmark then measures stays in its own Program.
/// </summary>
public sealed class BrowserBench : IAsyncDisposable
{
    /// <summary>The demo office: the demo data gives it its lines (Point 0 among them) once the office directory registers it.</summary>
    public const string Office = "connecta-space";

    private readonly Dictionary<string, IServiceHost> services = [];
    private IPlaywright? playwright;
    private IBrowser? browser;

    private BrowserBench(Tokens tokens, Dictionary<string, string?> common)
    {
        Tokens = tokens;
        Common = common;
        Gateway = new ServiceHost<gateway::Program>(common, withGrpc: false).With("contentRoot", Path.GetFullPath("gateway"));
        Origin = Gateway.HttpAddress.ToString().TrimEnd('/');
    }

    public Tokens Tokens { get; }

    /// <summary>The settings every service hosted here gets.</summary>
    public Dictionary<string, string?> Common { get; }

    public ServiceHost<gateway::Program> Gateway { get; }

    /// <summary>The gateway's address, where the console is served under /console.</summary>
    public string Origin { get; }

    public ServiceHost<Omnichannel.Queues.Program> Queues => (ServiceHost<Omnichannel.Queues.Program>)services["queues"];

    /// <param name="configure">Settings of the benchmark's own for every host, the gateway included (it is made here).</param>
    public static async Task<BrowserBench> CreateAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var tokens = new Tokens();
        var common = new Dictionary<string, string?>(await TestServers.NewPlatformSettingsAsync(tokens))
        {
            ["DemoData:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Marten"] = "None",
            ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
            ["BusinessCalendar:UseCatalanHolidays"] = "false",
        };
        // Open every hour, so that walk-ins are issued whenever the benchmark runs.
        foreach (var day in Enum.GetNames<DayOfWeek>()) common[$"BusinessCalendar:Calendars:always:{day}:0"] = "00:00-24:00";
        configure?.Invoke(common);
        return new BrowserBench(tokens, common);
    }

    /// <summary>A service hosted in this process under <paramref name="name"/>, its content root the repository's
    /// <paramref name="folder"/>; started with the others by <see cref="Start"/>.</summary>
    public ServiceHost<T> Service<T>(string name, string folder, int? httpPort = null) where T : class
    {
        var host = new ServiceHost<T>(Common, withGrpc: true, httpPort).With("contentRoot", Path.GetFullPath(folder));
        services[name] = host;
        return host;
    }

    /// <summary>Wires the services to each other and the gateway to them (rate limits out of the way: the load is the
    /// point), and starts them all.</summary>
    public void Start()
    {
        PlatformWiring.IntroduceNeighbours(services);
        foreach (var (key, value) in PlatformWiring.GatewaySettings(services)) Gateway.With(key, value);
        Gateway.With("RateLimiting:PermitsPerMinute", "1000000").With("RateLimiting:BurstPermits", "100000");
        foreach (var host in services.Values) host.Start();
        Gateway.Start();
    }

    /// <summary>The demo office registered as the office directory (appointments) would, with room for
    /// <paramref name="desks"/> desks; once its demo lines exist, desks 1…<paramref name="desks"/> open on <paramref name="line"/>.</summary>
    public async Task OpenOfficeAsync(int desks, string line)
    {
        var staff = Client(Tokens.Staff());
        await Queues.Services.GetRequiredService<IBus>().Publish(new Omnichannel.Contracts.V1.OfficeRegistered(Tokens.Tenant, DateTimeOffset.UtcNow, null, null, Office,
            new("Mataró Connecta Space", "Mataró Connecta Space", "Mataró Connecta Space"), "Plaça de la Muralla", "always", desks), c => c.MessageId = Guid.NewGuid());
        await Eventually.Until(async () => await staff.GetAsync($"/api/queues/offices/{Office}/board"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the office's lines");
        for (var d = 1; d <= desks; d++)
            (await staff.PutAsJsonAsync($"/api/queues/offices/{Office}/desks/{d}", new { lines = new[] { line } })).EnsureSuccessStatusCode();
    }

    /// <summary>A page in Debian's headless Chromium (launched once), Catalan, full-HD.</summary>
    public async Task<IPage> NewPageAsync()
    {
        playwright ??= await Playwright.CreateAsync();
        browser ??= await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("OMNI_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
        var context = await browser.NewContextAsync(new() { Locale = "ca", ViewportSize = new() { Width = 1920, Height = 1080 } });
        return await context.NewPageAsync();
    }

    /// <summary>A plain client through the gateway, with <paramref name="token"/> if any, no timeout (feeds are long).</summary>
    public HttpClient Client(string? token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = Gateway.HttpAddress, Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Wall-clock milliseconds since the epoch: what a page's performance.timeOrigin + now() counts too.</summary>
    public static double Now() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    /// <summary>The number after <paramref name="name"/> on the command line, if given.</summary>
    public static double? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        await Gateway.DisposeAsync();
        foreach (var host in services.Values.Reverse()) await host.DisposeAsync();
    }
}
