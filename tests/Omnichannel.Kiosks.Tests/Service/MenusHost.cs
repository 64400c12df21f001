using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Contracts.V1;
using Omnichannel.Testing;

namespace Omnichannel.Kiosks.Tests.Service;

/// <summary>The kiosks service with the procedures service it asks for the catalogue (over gRPC, with service tokens),
/// on loopback ports against a fresh database and virtual host.</summary>
public sealed class MenusHost : IAsyncLifetime
{
    public Tokens Tokens { get; } = new();
    public ServiceHost<Procedures.Program> Procedures { get; private set; } = null!;
    public ServiceHost<Program> Kiosks { get; private set; } = null!;

    public HttpClient AsStaff() => Kiosks.Client(Tokens.Staff());
    public HttpClient As(string token) => Kiosks.Client(token);
    public HttpClient CatalogueAsStaff() => Procedures.Client(Tokens.Staff());

    public async Task InitializeAsync()
    {
        var settings = await TestServers.NewPlatformSettingsAsync(Tokens);
        settings["Kiosks:WatchIntervalSeconds"] = "3600";
        Procedures = new ServiceHost<Procedures.Program>(settings, withGrpc: true);
        Kiosks = new ServiceHost<Program>(settings, withGrpc: true);
        PlatformWiring.IntroduceNeighbours(new Dictionary<string, IServiceHost> { ["procedures"] = Procedures, ["kiosks"] = Kiosks });
        Procedures.Start();
        Kiosks.Start();
    }

    public async Task<string> RegisterOfficeAsync()
    {
        var office = $"office-{Guid.NewGuid():N}"[..20];
        await Kiosks.Services.GetRequiredService<IBus>().Publish(new OfficeRegistered(Tokens.Tenant, DateTimeOffset.UtcNow, null, null, office,
            new("Oficina de prova", "Oficina de prueba", "Test office"), "Carrer de prova 1", "on-site", 4), c => c.MessageId = Guid.NewGuid());
        await Eventually.Until(async () => (await AsStaff().GetAsync($"/api/kiosks/offices/{office}/fleet")).StatusCode,
            s => s == System.Net.HttpStatusCode.OK, what: $"office {office} known");
        return office;
    }

    /// <summary>Publishes a procedure in the catalogue with a fresh code, offered through <paramref name="channels"/>.</summary>
    public async Task<string> PublishProcedureAsync(string name, params string[] channels)
    {
        var code = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
        var response = await CatalogueAsStaff().PostAsJsonAsync("/api/procedures", new
        {
            code, category = "test", names = new { ca = $"Tràmit {name}", es = $"Trámite {name}", en = $"Procedure {name}" },
            guidance = new { ca = "Guia", es = "Guía", en = "Guidance" }, channels, averageAttentionMinutes = 3, attachmentsRequired = false, eOfficeUrl = $"https://seu.example.cat/{code}",
        });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Publishing {code}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return code;
    }

    public sealed record Enrolled(string KioskId, string OfficeId, string Credential);
    public sealed record SignedIn(string AccessToken);

    public async Task<(Enrolled Kiosk, HttpClient Client)> KioskAsync(string office, params string[] peripherals)
    {
        var response = await AsStaff().PostAsJsonAsync("/api/kiosks", new { officeId = office, location = "Vestíbul", peripherals });
        response.EnsureSuccessStatusCode();
        var kiosk = (await response.Content.ReadFromJsonAsync<Enrolled>())!;
        var signIn = await Kiosks.Client().PostAsJsonAsync("/api/kiosks/device-tokens", new { credential = kiosk.Credential });
        signIn.EnsureSuccessStatusCode();
        return (kiosk, As((await signIn.Content.ReadFromJsonAsync<SignedIn>())!.AccessToken));
    }

    public async Task DisposeAsync()
    {
        await Kiosks.DisposeAsync();
        await Procedures.DisposeAsync();
    }
}
