using Omnichannel.Testing;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Omnichannel.Queues.Tests.Service;

/// <summary>The queues service with the procedures service it asks for attention minutes, on loopback ports,
/// against a fresh database and virtual host, with the demo catalogue and offices loaded.</summary>
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
        };
        Procedures = new ServiceHost<global::Omnichannel.Procedures.Program>(common, withGrpc: true);
        Queues = new ServiceHost<Program>(common, withGrpc: true);
        Procedures.With("Services:Citizens:Grpc", "http://127.0.0.1:1").With("Services:Procedures:Grpc", Procedures.GrpcAddress!.ToString());
        Queues.With("Services:Procedures:Grpc", Procedures.GrpcAddress!.ToString());
        Procedures.Start();
        Queues.Start();
    }

    /// <summary>A new office of this test's own (so tests never share a queue), with every line.</summary>
    public async Task<string> NewOfficeAsync(int waitThresholdMinutes = 600, int maxCalls = 3)
    {
        var office = $"office-{Guid.NewGuid():N}"[..20];
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
