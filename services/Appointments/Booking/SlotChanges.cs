using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.EventStore;

namespace Omnichannel.Appointments.Booking;

/// <summary>
/// Saves a decision's changes in one transaction, then tells what this process remembers of slots that they moved:
/// the one-second search answers and the slot gate's memory. Every writer of slot streams saves through here, so a
/// cancellation, a reschedule or a closure's move is seen by the next search and the next booking at once.
/// </summary>
public sealed class SlotChanges(SlotSearchCache searches, SlotGate gate)
{
    /// <summary>False when the decision changed nothing (nothing was written).</summary>
    public async Task<bool> SaveAsync(StreamSet set, IReadOnlyList<Change> changes, CancellationToken ct)
    {
        if (!await set.AppendAndSaveAsync(changes.Select(c => (c.StreamKey, c.Events)), ct)) return false;
        var tenant = set.Session.TenantId;
        searches.SlotsChanged(tenant);
        foreach (var slotKey in changes.Select(c => c.StreamKey).Where(SlotUnit.IsStreamKey)) gate.Forget(tenant, slotKey);
        return true;
    }
}
