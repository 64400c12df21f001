using Omnichannel.Testing;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Appointments.Booking;
using Omnichannel.BuildingBlocks.Context;

namespace Omnichannel.Appointments.Tests;

/// <summary>Procedures (demo catalogue), citizens and appointments (demo offices) on loopback ports against a fresh
/// database and virtual host.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    public Tokens Tokens { get; } = new();
    public ServiceHost<Procedures.Program> Procedures { get; private set; } = null!;
    public ServiceHost<Citizens.Program> Citizens { get; private set; } = null!;
    public ServiceHost<Program> Appointments { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var common = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = await TestServers.NewDatabaseAsync(),
            ["ConnectionStrings:RabbitMq"] = (await TestServers.NewVirtualHostAsync()).ToString(),
            ["Auth:SigningKey"] = Tokens.Settings.SigningKey,
            ["Citizens:NationalIdHashKey"] = Tokens.NewSecret(),
            ["DemoData:Enabled"] = "true",
        };
        Procedures = new ServiceHost<Procedures.Program>(common, withGrpc: true);
        Citizens = new ServiceHost<Citizens.Program>(common, withGrpc: true);
        Appointments = new ServiceHost<Program>(common, withGrpc: true);
        foreach (var host in new[] { (IHostSettings)new Settings<Procedures.Program>(Procedures), new Settings<Citizens.Program>(Citizens), new Settings<Program>(Appointments) })
        {
            host.With("Services:Procedures:Grpc", Procedures.GrpcAddress!.ToString());
            host.With("Services:Citizens:Grpc", Citizens.GrpcAddress!.ToString());
        }
        Procedures.Start();
        Citizens.Start();
        Appointments.Start();
    }

    /// <summary>Runs <paramref name="work"/> with a fresh scope's bookings, as a request for the council would.</summary>
    public async Task<T> WithBookings<T>(Func<Bookings, Task<T>> work)
    {
        using var context = RequestContext.Begin(Tokens.Tenant, null);
        await using var scope = Appointments.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<Bookings>());
    }

    public async Task DisposeAsync()
    {
        await Appointments.DisposeAsync();
        await Citizens.DisposeAsync();
        await Procedures.DisposeAsync();
    }

    private interface IHostSettings { void With(string key, string value); }

    private sealed class Settings<T>(ServiceHost<T> host) : IHostSettings where T : class
    {
        public void With(string key, string value) => host.With(key, value);
    }
}
