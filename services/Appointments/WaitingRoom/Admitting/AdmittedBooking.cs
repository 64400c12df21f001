using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Holding;

namespace Omnichannel.Appointments.WaitingRoom.Admitting;

/// <summary>A hold or a booking through the waiting room: let in by its admission (when the procedure's window needs
/// one), and the admission spent once the place is taken, which lets the next client in.</summary>
public static class AdmittedBooking
{
    public static async Task<IResult> TakeAsync(HttpContext http, Guid citizenId, HoldRequest request, bool confirm, Bookings bookings, WaitingRoomGuard guard,
        WaitingRoomStore rooms, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Admission? admission;
        try
        {
            admission = await guard.ForBookingAsync(http, citizenId, request.ProcedureCode!, request.OfficeId!, request.StartsAt!.Value, ct);
        }
        catch (NotAdmitted refused)
        {
            return refused.ToResult();
        }
        // (a booked client's time after its admission, on the waiting room's meter: the admission's check, the booking, the room's count)
        if (admission is not null) WaitingRoomTimings.Record("book admission", started);
        var holding = System.Diagnostics.Stopwatch.GetTimestamp();
        var state = await bookings.HoldAsync(citizenId, request.OfficeId!, request.ProcedureCode!, request.StartsAt!.Value, request.Channel!, confirm, ct);
        if (admission is not null)
        {
            WaitingRoomTimings.Record("book hold", holding);
            var counting = System.Diagnostics.Stopwatch.GetTimestamp();
            await rooms.BookedAsync(admission.EntryId, state.Ref.AppointmentId, bookings.Clock.GetUtcNow(), CancellationToken.None);
            WaitingRoomTimings.Record("book counted", counting);
        }
        return TypedResults.Created($"/api/appointments/{state.Ref.AppointmentId}", AppointmentReply.From(state));
    }
}
