using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.WaitingRoom;
using Omnichannel.Appointments.WaitingRoom.Admitting;

namespace Omnichannel.Appointments.Booking;

/// <summary>Books a slot at once (hold and confirm in one step, one transaction), e.g. from a phone agent or a kiosk:
/// the same request, validator and rules as holding.</summary>
public static class BookSlotEndpoint
{
    public static Task<IResult> Handle(Guid citizenId, HoldRequest request, HttpContext http, Bookings bookings, WaitingRoomGuard guard, WaitingRoomStore rooms, CancellationToken ct) =>
        AdmittedBooking.TakeAsync(http, citizenId, request, confirm: true, bookings, guard, rooms, ct);
}
