using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Identity.Accounts;
using Omnichannel.Identity.Keys;
using Omnichannel.Testing;

namespace Omnichannel.Identity.Tests;

/// <summary>
/// The identity service, the procedures service (with Mataró's demo catalogue) and the gateway on loopback ports
/// against a fresh database, as a deployment wires them: the gateway and procedures validate tokens only by the
/// identity service's published keys (<c>Auth:Authority</c>); no shared key is configured anywhere here.
/// </summary>
public sealed class IdentityPlatform : IAsyncLifetime
{
    public const string Council = "mataro";
    public const string OtherCouncil = "badalona";
    public const string ConsoleClientId = "test-console";
    public const string RedirectUri = "http://127.0.0.1:9/callback";
    public const int MaxFailedAttempts = 3;

    public string ConsoleSecret { get; } = Tokens.NewSecret();
    public string MataroAppSecret { get; } = Tokens.NewSecret();
    public string BadalonaAppSecret { get; } = Tokens.NewSecret();
    public string ServicesSecret { get; } = Tokens.NewSecret();

    /// <summary>The demo agent's password, as tools/run.sh would generate it (the other demo roles get none here).</summary>
    public string DemoAgentPassword { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10)).ToLowerInvariant();

    /// <summary>The key the identity service signs with at first; <see cref="RestartIdentityAsync"/> may rotate it.</summary>
    public string FirstKey { get; } = SigningKeys.NewKeyText();

    public ServiceHost<Program> Identity { get; private set; } = null!;
    public ServiceHost<Procedures.Program> Procedures { get; private set; } = null!;
    public ServiceHost<global::Program> Gateway { get; private set; } = null!;

    private Dictionary<string, string?> identitySettings = null!;
    private Dictionary<string, string?> proceduresSettings = null!;
    private int identityPort;

    public async Task InitializeAsync()
    {
        var common = await TestServers.NewPlatformSettingsAsync(new Tokens());
        common.Remove("Auth:SigningKey"); // validation by the authority's keys only
        identityPort = LoopbackPorts.Free();
        var authority = $"http://127.0.0.1:{identityPort}";
        common["Auth:Authority"] = authority;
        common["Auth:RequireHttpsMetadata"] = "false";
        common["Auth:MetadataMinimumRefreshSeconds"] = "1";

        identitySettings = new Dictionary<string, string?>(common)
        {
            ["Identity:EncryptionKey"] = Tokens.NewSecret(),
            ["Identity:Lockout:MaxFailedAttempts"] = $"{MaxFailedAttempts}",
            ["DemoData:Enabled"] = "true",
            [$"Identity:DemoStaff:{Council}:agent"] = DemoAgentPassword,
            ["Identity:Clients:testConsole:RedirectUris:0"] = RedirectUri,
            ["Identity:Clients:testConsole:Secret"] = ConsoleSecret,
            ["Identity:Clients:mataroApp:Role"] = "channel-app",
            ["Identity:Clients:mataroApp:Council"] = Council,
            ["Identity:Clients:mataroApp:Secret"] = MataroAppSecret,
            ["Identity:Clients:badalonaApp:Role"] = "channel-app",
            ["Identity:Clients:badalonaApp:Council"] = OtherCouncil,
            ["Identity:Clients:badalonaApp:Secret"] = BadalonaAppSecret,
            ["Identity:Clients:platformServices:Role"] = "service",
            ["Identity:Clients:platformServices:Council"] = "*",
            ["Identity:Clients:platformServices:Secret"] = ServicesSecret,
        };
        Identity = NewIdentity(FirstKey);
        Identity.Start();

        // Its own service client: it reads the disabled staff accounts from the identity service at start.
        proceduresSettings = new Dictionary<string, string?>(common)
        {
            ["DemoData:Enabled"] = "true", ["DemoData:Tenants:0"] = Council, ["Auth:ServiceClient:Secret"] = ServicesSecret,
        };
        Procedures = NewProcedures();
        Procedures.Start();

        var gateway = new Dictionary<string, string?>(common)
        {
            ["services:procedures:http"] = Procedures.HttpAddress.ToString(),
            ["services:procedures:title"] = "Procedures",
            ["services:identity:http"] = Identity.HttpAddress.ToString(),
            ["services:identity:title"] = "Identity",
            ["RateLimiting:PermitsPerMinute"] = "100000",
            ["RateLimiting:BurstPermits"] = "10000",
        };
        Gateway = new ServiceHost<global::Program>(gateway, withGrpc: false);
        Gateway.Start();
        // The demo catalogue is loaded in the background at start.
        await Eventually.Until(async () => (await Procedures.Client(await ClientTokenAsync("mataroApp")).GetAsync("/api/procedures/census-certificate")).StatusCode,
            s => s == System.Net.HttpStatusCode.OK, what: "the demo catalogue");
    }

    /// <summary>Another instance of the procedures service, as a restart or a new replica would be (not started yet).</summary>
    public ServiceHost<Procedures.Program> NewProcedures() => new(proceduresSettings, withGrpc: true);

    private ServiceHost<Program> NewIdentity(params string[] keys)
    {
        var host = new ServiceHost<Program>(identitySettings, withGrpc: true, httpPort: identityPort);
        for (var i = 0; i < keys.Length; i++) host.With($"Identity:SigningKeys:{i}", keys[i]);
        return host;
    }

    /// <summary>Stops the identity service and starts it again at the same address with <paramref name="keys"/> (the
    /// first signs, all are published): what an operator's rotation does.</summary>
    public async Task RestartIdentityAsync(params string[] keys)
    {
        await Identity.DisposeAsync();
        Identity = NewIdentity(keys);
        Identity.Start();
    }

    /// <summary>A client-credentials token of the client configured under <paramref name="key"/>.</summary>
    public async Task<string> ClientTokenAsync(string key, string? tenant = null)
    {
        var (id, secret) = key switch
        {
            "mataroApp" => ("mataro-app", MataroAppSecret),
            "badalonaApp" => ("badalona-app", BadalonaAppSecret),
            "platformServices" => ("platform-services", ServicesSecret),
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret };
        if (tenant is not null) form["tenant"] = tenant;
        using var response = await Identity.Client().PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A member of staff; with <paramref name="withAuthenticator"/>, TOTP is on and its key is returned.</summary>
    public async Task<(string UserName, string Password, string? AuthenticatorKey)> NewStaffAsync(string role = StaffRoles.Agent, string council = Council,
        bool withAuthenticator = false)
    {
        await using var scope = Identity.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var name = $"{council}.{role}.{Guid.NewGuid():N}"[..40];
        var password = $"correct horse {Guid.NewGuid():N}";
        var account = new StaffAccount { UserName = name, Council = council, StaffRole = role, LockoutEnabled = true };
        var created = await users.CreateAsync(account, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        if (!withAuthenticator) return (name, password, null);
        await users.ResetAuthenticatorKeyAsync(account);
        await users.SetTwoFactorEnabledAsync(account, true);
        return (name, password, await users.GetAuthenticatorKeyAsync(account));
    }

    public HttpClient ViaGateway(string token)
    {
        var client = Gateway.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (Gateway is not null) await Gateway.DisposeAsync();
        if (Procedures is not null) await Procedures.DisposeAsync();
        if (Identity is not null) await Identity.DisposeAsync();
    }
}
