using System.Net.Http.Json;
using Omnichannel.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
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

    /// <summary>The slot gate's clock only (the rest of the service keeps the real one): a test moves it past the
    /// gate's freshness rule instead of sleeping.</summary>
    public FakeTimeProvider GateClock { get; } = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        var common = new Dictionary<string, string?>(await TestServers.NewPlatformSettingsAsync(Tokens))
        {
            ["DemoData:Enabled"] = "true",
        };
        Procedures = new ServiceHost<Procedures.Program>(common, withGrpc: true);
        Citizens = new ServiceHost<Citizens.Program>(common, withGrpc: true);
        Appointments = new ServiceHost<Program>(common, withGrpc: true);
        var neighbours = new[] { ("Services:Procedures:Grpc", Procedures.GrpcAddress!.ToString()), ("Services:Citizens:Grpc", Citizens.GrpcAddress!.ToString()) };
        foreach (var (key, address) in neighbours)
        {
            Procedures.With(key, address);
            Citizens.With(key, address);
            Appointments.With(key, address);
        }
        Appointments.WithServices(services => services.AddSingleton(new SlotGate(GateClock)));
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

    /// <summary>A slot start at the demo offices on a working weekday (not Friday's short hours, not a holiday) some days
    /// ahead: 20-minute slots from 09:00. Tests keep to their own days and slots, as they share the fixture's database.</summary>
    public static DateTimeOffset NextWorkingSlot(int dayOffset, int slotIndex)
    {
        var madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(dayOffset);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday or DayOfWeek.Friday
            || BuildingBlocks.Calendar.CatalanHolidays.All.Contains(day)) day = day.AddDays(1);
        var local = day.ToDateTime(new TimeOnly(9, 0)).AddMinutes(20 * slotIndex);
        return new DateTimeOffset(local, madrid.GetUtcOffset(local));
    }

    /// <summary>A citizen registered with the citizens service, as every booking needs.</summary>
    public async Task<Guid> RegisterCitizenAsync()
    {
        using var http = Citizens.Client(Tokens.ChannelApp());
        var response = await http.PostAsJsonAsync("/api/citizens", new { preferredLanguage = "ca", channel = "online" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Registered>())!.CitizenId;
    }

    private sealed record Registered(Guid CitizenId);

    public async Task DisposeAsync()
    {
        await Appointments.DisposeAsync();
        await Citizens.DisposeAsync();
        await Procedures.DisposeAsync();
    }
}
