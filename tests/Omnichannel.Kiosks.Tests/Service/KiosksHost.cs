using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Contracts.V1;
using Omnichannel.Testing;

namespace Omnichannel.Kiosks.Tests.Service;

/// <summary>The kiosks service alone on loopback ports, against a fresh database and virtual host. Offices come from
/// the office directory's events, published here as appointments would.</summary>
public sealed class KiosksHost : IAsyncLifetime
{
    public Tokens Tokens { get; } = new();
    public ServiceHost<Program> Kiosks { get; private set; } = null!;
    public IBus Bus => Kiosks.Services.GetRequiredService<IBus>();

    /// <summary>The service's clock: the real one unless a test moves it (into or out of an office's opening hours).</summary>
    public ShiftedClock Clock { get; } = new();

    public HttpClient AsStaff() => Kiosks.Client(Tokens.Staff());
    public HttpClient AsChannelApp() => Kiosks.Client(Tokens.ChannelApp());
    public HttpClient As(string token) => Kiosks.Client(token);

    public async Task InitializeAsync()
    {
        var common = await TestServers.NewPlatformSettingsAsync(Tokens);
        common["BusinessCalendar:UseCatalanHolidays"] = "false";
        // The tests run the offline watch's passes themselves, at the moments they choose.
        common["Kiosks:WatchIntervalSeconds"] = "3600";
        Kiosks = new ServiceHost<Program>(common, withGrpc: true).WithServices(services => services.AddSingleton<TimeProvider>(Clock));
        Kiosks.Start();
    }

    /// <summary>The office directory registers an office; returns once a kiosk can be enrolled there.</summary>
    public async Task<string> RegisterOfficeAsync(string calendar = "on-site")
    {
        var office = $"office-{Guid.NewGuid():N}"[..20];
        await Bus.Publish(new OfficeRegistered(Tokens.Tenant, DateTimeOffset.UtcNow, null, null, office,
            new("Oficina de prova", "Oficina de prueba", "Test office"), "Carrer de prova 1", calendar, 4), c => c.MessageId = Guid.NewGuid());
        await Eventually.Until(async () => (await AsStaff().GetAsync($"/api/kiosks/offices/{office}/fleet")).StatusCode,
            s => s == System.Net.HttpStatusCode.OK, what: $"office {office} known");
        return office;
    }

    public sealed record Enrolled(string KioskId, string OfficeId, string Credential);
    public sealed record SignedIn(string AccessToken, string KioskId, string OfficeId);

    public async Task<Enrolled> EnrolAsync(string office, params string[] peripherals)
    {
        var response = await AsStaff().PostAsJsonAsync("/api/kiosks", new { officeId = office, location = "Vestíbul, a l'esquerra dels ascensors", peripherals });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Enrolled>())!;
    }

    public async Task<HttpResponseMessage> SignInAsync(string credential) =>
        await Kiosks.Client().PostAsJsonAsync("/api/kiosks/device-tokens", new { credential });

    public async Task<string> TokenAsync(string credential)
    {
        var response = await SignInAsync(credential);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Sign-in: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<SignedIn>())!.AccessToken;
    }

    public async Task DisposeAsync() => await Kiosks.DisposeAsync();
}
