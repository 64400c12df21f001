using Microsoft.Extensions.Time.Testing;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Slots;

namespace Omnichannel.Appointments.Tests;

/// <summary>The slot gate's memory is fresh enough to refuse a booking on for one second after its last save, on the
/// clock it is given.</summary>
public sealed class SlotGateTests
{
    private const string Tenant = "mataro";
    private const string Slot = "slot:connecta-space:census-registration:2030-01-07T08:00:00Z";

    [Fact]
    public void A_remembered_slot_is_recent_until_a_second_has_passed_since_its_save()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gate = new SlotGate(clock);
        gate.Remember(Tenant, Slot, SlotUnit.Initial, 3);

        Assert.True(gate.RecentlySaved(Tenant, Slot));
        clock.Advance(SlotGate.FreshFor - TimeSpan.FromMilliseconds(1));
        Assert.True(gate.RecentlySaved(Tenant, Slot));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(gate.RecentlySaved(Tenant, Slot));
        Assert.True(gate.TryRecall(Tenant, Slot, out _, out var version), "still remembered, only no longer recent");
        Assert.Equal(3, version);
    }

    [Fact]
    public void A_new_save_makes_the_memory_recent_again_and_a_forgotten_slot_is_neither_recent_nor_recalled()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gate = new SlotGate(clock);
        gate.Remember(Tenant, Slot, SlotUnit.Initial, 1);
        clock.Advance(TimeSpan.FromSeconds(5));

        gate.Remember(Tenant, Slot, SlotUnit.Initial, 2);
        Assert.True(gate.RecentlySaved(Tenant, Slot));

        gate.Forget(Tenant, Slot);
        Assert.False(gate.RecentlySaved(Tenant, Slot));
        Assert.False(gate.TryRecall(Tenant, Slot, out _, out _));
    }

    [Fact]
    public void Councils_do_not_share_a_memory_of_the_same_slot()
    {
        var gate = new SlotGate(new FakeTimeProvider(DateTimeOffset.UtcNow));
        gate.Remember(Tenant, Slot, SlotUnit.Initial, 1);

        Assert.False(gate.TryRecall("hospitalet", Slot, out _, out _));
    }
}
