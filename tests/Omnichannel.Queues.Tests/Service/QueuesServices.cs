using Omnichannel.Testing;
using System.Net.Http.Json;
using MassTransit;
using Omnichannel.Contracts.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Omnichannel.Queues.Tests.Service;

/// <summary>The queues service with the procedures service it asks for attention minutes, on loopback ports,
/// against a fresh database and virtual host, with the demo catalogue loaded and demo data enabled. Offices come
/// from the office directory's events, published here as appointments would; test offices use an "always" calendar
/// (open every hour of every day) so that walk-ins are issued whenever the tests run.</summary>
public sealed class QueuesServices : IAsyncLifetime
{
    public Tokens Tokens { get; } = new();
    public ServiceHost<global::Omnichannel.Procedures.Program> Procedures { get; private set; } = null!;
    public ServiceHost<Program> Queues { get; private set; } = null!;

    public IBus QueuesBus => Queues.Services.GetRequiredService<IBus>();

    public HttpClient AsStaff() => Queues.Client(Tokens.Staff());
    public HttpClient AsChannelApp() => Queues.Client(Tokens.ChannelApp());

    public async Task InitializeAsync()
    {
        var common = new Dictionary<string, string?>(await TestServers.NewPlatformSettingsAsync(Tokens))
        {
            ["DemoData:Enabled"] = "true",
            ["BusinessCalendar:UseCatalanHolidays"] = "false",
        };
        foreach (var day in Enum.GetNames<DayOfWeek>()) common[$"BusinessCalendar:Calendars:{AlwaysOpen}:{day}:0"] = "00:00-24:00";
        Procedures = new ServiceHost<global::Omnichannel.Procedures.Program>(common, withGrpc: true);
        Queues = new ServiceHost<Program>(common, withGrpc: true);
        Procedures.With("Services:Citizens:Grpc", "http://127.0.0.1:1").With("Services:Procedures:Grpc", Procedures.GrpcAddress!.ToString());
        Queues.With("Services:Procedures:Grpc", Procedures.GrpcAddress!.ToString());
        Procedures.Start();
        Queues.Start();
    }

    public const string AlwaysOpen = "always";

    /// <summary>The office directory (appointments) registers an office; returns once queues knows it.</summary>
    public async Task<string> RegisterOfficeAsync(string? officeId = null, string calendar = AlwaysOpen)
    {
        var office = officeId ?? $"office-{Guid.NewGuid():N}"[..20];
        await QueuesBus.Publish(new OfficeRegistered(Tokens.Tenant, DateTimeOffset.UtcNow, null, null, office,
            new("Oficina de prova", "Oficina de prueba", "Test office"), "Carrer de prova 1", calendar, 4), c => c.MessageId = Guid.NewGuid());
        await Eventually.Until(async () => (await AsStaff().GetAsync($"/api/queues/offices/{office}")).StatusCode, s => s == System.Net.HttpStatusCode.OK, what: $"office {office} known");
        return office;
    }

    /// <summary>A new office of this test's own (so tests never share a queue), registered by the directory, with every line.</summary>
    public async Task<string> NewOfficeAsync(int waitThresholdMinutes = 600, int maxCalls = 3)
    {
        var office = await RegisterOfficeAsync();
        var names = new { ca = "Oficina", es = "Oficina", en = "Office" };
        var response = await AsStaff().PutAsJsonAsync($"/api/queues/offices/{office}", new
        {
            names,
            lines = new[] { new { line = "point0", prefix = "P", names }, new { line = "general", prefix = "G", names }, new { line = "appointment", prefix = "C", names }, new { line = "priority", prefix = "A", names } },
            rules = new { point0MaxMinutes = 5, generalMaxMinutes = 15, walkInWaitThresholdMinutes = waitThresholdMinutes, maxCalls, appointmentCallAheadMinutes = 0 },
        });
        response.EnsureSuccessStatusCode();
        return office;
    }

    public async Task DisposeAsync()
    {
        await Queues.DisposeAsync();
        await Procedures.DisposeAsync();
    }
}
