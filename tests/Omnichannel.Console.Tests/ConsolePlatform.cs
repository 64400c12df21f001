extern alias analytics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Omnichannel.Identity.Accounts;
using Omnichannel.Testing;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>
/// The part of the platform the console's screens use — identity, procedures, citizens, appointments, queues, kiosks — with
/// the console and the gateway in front, on loopback ports against a fresh database and virtual host, demo data loaded.
/// Wired as a deployment: the gateway and the services validate the identity service's tokens by its published keys
/// (the shared test key too, for the test's own API calls); the console reaches the identity service's pages through
/// the gateway, on the browser's origin. One headless Debian Chromium for every test (never a browser download). Started
/// once for the whole test assembly and shared by its collections (<see cref="OnePlatform"/>).
/// </summary>
public sealed class ConsolePlatform : IAsyncLifetime
{
    public const string Council = Tokens.Tenant;
    public const int MaxFailedAttempts = 3;
    /// <summary>Where the citizen web says alert words can be sent (links only: nothing is sent there).</summary>
    public const string TelegramUrl = "https://t.me/AjuntamentMataroBot";
    public const string WhatsAppNumber = "34937582100";
    public Tokens Tokens { get; } = new();
    public ShiftedClock QueuesClock { get; } = new();
    /// <summary>The messaging service's clock (the staff panels' test puts it inside the operators' hours).</summary>
    public ShiftedClock MessagingClock { get; } = new();
    public MessagingAccounts MessagingAccounts { get; } = new();
    public Omnichannel.Testing.Fakes.FakeTelegramBotApi TelegramApi { get; private set; } = null!;

    /// <summary>The demo accounts' passwords, as tools/run.sh would generate them.</summary>
    public IReadOnlyDictionary<string, string> Passwords { get; } =
        new[] { "agent", "supervisor", "backoffice", "administrator" }.ToDictionary(r => r, _ => Tokens.NewSecret()[..24]);

    public ServiceHost<Identity.Program> Identity { get; private set; } = null!;
    /// <summary>The council's own OpenID Connect provider (another identity service, another database), configured at the
    /// platform's identity service as <see cref="ProviderKey"/>: its council <see cref="ProviderCouncil"/> maps to Mataró,
    /// its role "supervisor" to supervisor (and nothing else maps).</summary>
    public ServiceHost<Identity.Program> CouncilProvider { get; private set; } = null!;
    public const string ProviderKey = "councilIdp";
    public const string ProviderName = "Mataró ID";
    public const string ProviderCouncil = "ajuntament-de-mataro";
    public ServiceHost<global::Program> Gateway { get; private set; } = null!;
    /// <summary>The console itself (the kiosk tests change its configuration while it runs: a shorter idle time).</summary>
    public ServiceHost<StaffConsole.Program> ConsoleHost { get; private set; } = null!;
    private readonly List<IServiceHost> hosts = [];
    private IPlaywright playwright = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The console host's warnings and errors (beside the screenshots).</summary>
    public static readonly string HostLog = Path.Combine(Screens.Folder, "console-host.log");

    /// <summary>Where the browser opens the console: the gateway's origin.</summary>
    public string ConsoleUrl => $"{Gateway.HttpAddress.ToString().TrimEnd('/')}/console/";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screens.Folder);
        var common = await TestServers.NewPlatformSettingsAsync(Tokens);
        common["DemoData:Enabled"] = "true";
        var identityPort = LoopbackPorts.Free();
        common["Auth:Authority"] = $"http://127.0.0.1:{identityPort}";
        common["Auth:RequireHttpsMetadata"] = "false";
        common["Auth:MetadataMinimumRefreshSeconds"] = "1";
        var consoleSecret = Tokens.NewSecret();
        var channelAppSecret = Tokens.NewSecret(); // the citizen web's channel-app client, as tools/run.sh generates it

        Gateway = new ServiceHost<global::Program>(common, withGrpc: false);
        var origin = Gateway.HttpAddress.ToString().TrimEnd('/');
        Identity = new ServiceHost<Identity.Program>(common, withGrpc: true, httpPort: identityPort)
            .With("Daemon:Enabled", "false")
            .With("Identity:SigningKeys:0", Omnichannel.Identity.Keys.SigningKeys.NewKeyText())
            .With("Identity:EncryptionKey", Tokens.NewSecret())
            .With("Identity:Lockout:MaxFailedAttempts", $"{MaxFailedAttempts}")
            .With("Identity:Clients:console:Secret", consoleSecret)
            .With("Identity:Clients:mataroChannelApp:Secret", channelAppSecret)
            .With("Identity:Clients:console:RedirectUris:0", $"{origin}/console/signin-oidc")
            .With("Identity:Clients:console:PostLogoutRedirectUris:0", $"{origin}/console/signout-callback-oidc");
        foreach (var (role, password) in Passwords) Identity.With($"Identity:DemoStaff:{Council}:{role}", password);

        // The council's own OpenID Connect provider (federation): a second identity service with its own database and
        // accounts, whose "tenant" and "role" claims the platform's identity service maps (SignInWithCouncilProviderTests).
        var providerSecret = Tokens.NewSecret();
        CouncilProvider = new ServiceHost<Identity.Program>(await TestServers.NewPlatformSettingsAsync(new Tokens()), withGrpc: true)
            .With("Daemon:Enabled", "false")
            .With("Identity:SigningKeys:0", Omnichannel.Identity.Keys.SigningKeys.NewKeyText())
            .With("Identity:EncryptionKey", Tokens.NewSecret())
            .With("Identity:Clients:omnichannel:Secret", providerSecret)
            .With("Identity:Clients:omnichannel:RedirectUris:0", $"{origin}/account/external/{ProviderKey}/callback");
        // Another host name than the platform's (cookies are per host, not per port): as a real provider would be.
        var provider = $"http://localhost:{CouncilProvider.HttpAddress.Port}";
        Identity.With($"Identity:External:{ProviderKey}:Authority", provider)
            .With($"Identity:External:{ProviderKey}:RequireHttpsMetadata", "false")
            .With($"Identity:External:{ProviderKey}:ClientId", "omnichannel")
            .With($"Identity:External:{ProviderKey}:ClientSecret", providerSecret)
            .With($"Identity:External:{ProviderKey}:DisplayName", ProviderName)
            .With($"Identity:External:{ProviderKey}:Claims:Role", "role")
            .With($"Identity:External:{ProviderKey}:Claims:Roles:supervisor", "supervisor")
            .With($"Identity:External:{ProviderKey}:Claims:Council", "tenant")
            .With($"Identity:External:{ProviderKey}:Claims:Councils:{ProviderCouncil}", Council);
        CouncilProvider.Start();
        hosts.Add(CouncilProvider);

        ConsoleHost = new ServiceHost<StaffConsole.Program>(common, withGrpc: true)
            .With("Identity:Clients:console:Secret", consoleSecret)
            .With("Identity:Clients:mataroChannelApp:Secret", channelAppSecret)
            .With("Console:GatewayUrl", origin)
            .With("Console:RefreshSeconds", "0.5")
            // The demand board's slow re-read, an hour here: only the queues' push can explain a board that changes (BoardPushTests).
            .With("Console:Board:FallbackSeconds", "3600")
            .With("Web:Alerts:TelegramUrl", TelegramUrl).With("Web:Alerts:WhatsAppNumber", WhatsAppNumber)
            .WithServices(s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(new HostErrors(HostLog)));
        var services = new Dictionary<string, IServiceHost>
        {
            ["identity"] = Identity,
            ["procedures"] = new ServiceHost<Procedures.Program>(common, withGrpc: true),
            ["citizens"] = new ServiceHost<Citizens.Program>(common, withGrpc: true),
            // Check-in opens long before the start here, so the front desk's test checks in for a slot days ahead.
            ["appointments"] = new ServiceHost<Appointments.Program>(common, withGrpc: true).With("Appointments:CheckInOpensMinutesBefore", "200000"),
            ["queues"] = NewQueues(common, null, null),
            ["console"] = ConsoleHost,
            // The staff panels' services: the incidents inbox, the operators' conversations; kiosks also serves the kiosk
            // screen's device sign-in, sessions and tickets, and the waiting-room display's (a "display" device).
            ["incidents"] = new ServiceHost<Incidents.Program>(common, withGrpc: true),
            ["messaging"] = new ServiceHost<Messaging.Program>(common, withGrpc: true).WithServices(s => s.AddSingleton<TimeProvider>(MessagingClock)),
            ["kiosks"] = new ServiceHost<Kiosks.Program>(common, withGrpc: true),
            // The analysts' forecast behind the demand board's staffing suggestion (it reads the services' event tables).
            ["analytics"] = new ServiceHost<analytics::Omnichannel.Analytics.Program>(common, withGrpc: true),
        };
        TelegramApi = new Omnichannel.Testing.Fakes.FakeTelegramBotApi(MessagingAccounts.BotToken);
        foreach (var (key, value) in MessagingAccounts.Settings(TelegramApi.BaseUrl)) ((ServiceHost<Messaging.Program>)services["messaging"]).With(key, value);
        PlatformWiring.IntroduceNeighbours(services);
        this.services = services;
        this.common = common;
        foreach (var (key, value) in PlatformWiring.GatewaySettings(services)) Gateway.With(key, value);
        Gateway.With("RateLimiting:PermitsPerMinute", "100000").With("RateLimiting:BurstPermits", "10000");
        foreach (var host in services.Values)
        {
            hosts.Add(host);
            host.Start();
        }
        Gateway.Start();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("OMNI_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
    }

    private Dictionary<string, IServiceHost> services = null!;
    private Dictionary<string, string?> common = null!;

    private ServiceHost<Queues.Program> NewQueues(Dictionary<string, string?> settings, int? httpPort, int? grpcPort) =>
        new ServiceHost<Queues.Program>(settings, withGrpc: true, httpPort, grpcPort).WithServices(s => s.AddSingleton<TimeProvider>(QueuesClock));

    /// <summary>The queues service stops and a new one starts at the same addresses (a restart, as in a deployment):
    /// the display's feed drops and comes back. <paramref name="whileStopped"/> runs between the two.</summary>
    public async Task RestartQueuesAsync(Func<Task>? whileStopped = null)
    {
        var old = services["queues"];
        hosts.Remove(old);
        await old.DisposeAsync();
        if (whileStopped is not null) await whileStopped();
        var queues = NewQueues(common, old.HttpAddress.Port, old.GrpcAddress!.Port);
        foreach (var (name, other) in services)
            if (name != "queues" && other.GrpcAddress is { } grpc) queues.With($"services:{name}:grpc", grpc.ToString());
        services["queues"] = queues;
        hosts.Add(queues);
        queues.Start();
    }

    public Uri QueuesAddress => services["queues"].HttpAddress;

    /// <summary>The queues service's own services (its event store: the staffing test writes past days' tickets there).</summary>
    public IServiceProvider QueuesServices => ((ServiceHost<Queues.Program>)services["queues"]).Services;

    public HttpClient AsChannelApp() => Gateway.Client(Tokens.ChannelApp());

    /// <summary>A Telegram update as Telegram posts it to the bot's webhook (with the webhook's secret).</summary>
    public async Task<HttpResponseMessage> PostTelegramAsync(string update)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/messaging/webhooks/telegram/{MessagingAccounts.Bot}")
        {
            Content = new StringContent(update, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", MessagingAccounts.WebhookSecret);
        return await Gateway.Client().SendAsync(request);
    }
    public HttpClient AsStaff() => Gateway.Client(Tokens.Staff());
    public HttpClient AsDataProtectionOfficer() => Gateway.Client(Tokens.DataProtectionOfficer());

    /// <summary>A member of staff made for one test (the lock-out test locks it).</summary>
    public async Task<(string UserName, string Password)> NewStaffAsync(string role)
    {
        await using var scope = Identity.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var name = $"{Council}.{role}.{Guid.NewGuid():N}"[..40];
        var password = $"correct horse {Guid.NewGuid():N}";
        var created = await users.CreateAsync(new StaffAccount { UserName = name, Council = Council, StaffRole = role, LockoutEnabled = true }, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return (name, password);
    }

    /// <summary>Walk-ins are issued only while an office is open: the queues service's clock is put at a moment
    /// appointments offers a slot at <paramref name="office"/> (within its opening hours), whenever the test runs.</summary>
    public async Task DuringOpeningHoursAsync(string office)
    {
        await Eventually.Until(async () => await AsStaff().GetAsync($"/api/queues/offices/{office}/board"), r => r.IsSuccessStatusCode, what: "queues to know the demo office");
        if (QueuesClock.Offset != TimeSpan.Zero) return;
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd");
        var slots = await AsChannelApp().GetFromJsonAsync<Slots>($"/api/appointments/slots?procedureCode=census-registration&officeId={office}&from={from}");
        QueuesClock.MoveTo(slots!.Items[0].StartsAt.AddMinutes(1));
    }

    private sealed record Slots([property: System.Text.Json.Serialization.JsonPropertyName("slots")] List<Slot> Items);
    private sealed record Slot(DateTimeOffset StartsAt);

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (Gateway is not null) await Gateway.DisposeAsync();
        if (TelegramApi is not null) await TelegramApi.DisposeAsync();
        foreach (var host in Enumerable.Reverse(hosts)) await host.DisposeAsync();
    }
}
