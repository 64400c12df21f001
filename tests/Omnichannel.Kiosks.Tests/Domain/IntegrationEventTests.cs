using JasperFx.Events;
using Omnichannel.Kiosks.Health;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Kiosks.Tests.Domain;

/// <summary>What operations hear of the fleet's health: a fault, a recovery, offline and back online — and nothing else.</summary>
public sealed class IntegrationEventTests
{
    private static readonly DateTimeOffset At = new(2026, 9, 9, 8, 0, 0, TimeSpan.Zero);

    private static object? Map(object data) => new IntegrationEvents().Map(new Event<object>(data) { TenantId = "mataro" });

    [Fact]
    public void A_printer_running_out_is_a_fault_and_its_return_to_ok_a_recovery()
    {
        var fault = Assert.IsType<V1.KioskPeripheralFaulted>(Map(new PeripheralStateChanged("K1", "cc", Peripheral.Printer, PeripheralState.PaperLow, PeripheralState.Out, At)));
        var recovery = Assert.IsType<V1.KioskPeripheralRecovered>(Map(new PeripheralStateChanged("K1", "cc", Peripheral.Printer, PeripheralState.Out, PeripheralState.Ok, At)));

        Assert.Equal(("printer", "out", "mataro", (Guid?)null), (fault.Peripheral, fault.State, fault.TenantId, fault.CitizenId));
        Assert.Equal("printer", recovery.Peripheral);
    }

    [Fact]
    public void Offline_and_back_online_leave_the_service_and_a_software_update_does_not()
    {
        Assert.IsType<V1.KioskWentOffline>(Map(new KioskWentOffline("K1", "cc", At.AddMinutes(-2), At)));
        Assert.IsType<V1.KioskBackOnline>(Map(new KioskCameBackOnline("K1", "cc", At.AddMinutes(-2), At)));
        Assert.Null(Map(new SoftwareVersionChanged("K1", "cc", "2.1", "2.2", At)));
    }
}
