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

    public HttpClient AsStaff() => Kiosks.Client(Tokens.Staff());
    public HttpClient AsChannelApp() => Kiosks.Client(Tokens.ChannelApp());
    public HttpClient As(string token) => Kiosks.Client(token);

    public async Task InitializeAsync()
    {
        var common = await TestServers.NewPlatformSettingsAsync(Tokens);
        common["BusinessCalendar:UseCatalanHolidays"] = "false";
        Kiosks = new ServiceHost<Program>(common, withGrpc: true);
        Kiosks.Start();
    }

    /// <summary>The office directory registers an office; returns once a kiosk can be enrolled there.</summary>
    public async Task<string> RegisterOfficeAsync(string calendar = "on-site")
    {
        var office = $"office-{Guid.NewGuid():N}"[..20];
        await Bus.Publish(new OfficeRegistered(Tokens.Tenant, DateTimeOffset.UtcNow, null, null, office,
            new("Oficina de prova", "Oficina de prueba", "Test office"), "Carrer de prova 1", calendar, 4), c => c.MessageId = Guid.NewGuid());
        await Eventually.Until(async () =>
        {
            var probe = await AsStaff().PostAsJsonAsync("/api/kiosks", new { officeId = office, location = "probe", peripherals = Array.Empty<string>() });
            return probe.StatusCode;
        }, s => s == System.Net.HttpStatusCode.Created, what: $"office {office} known");
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
