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
        Admission? admission;
        try
        {
            admission = await guard.ForBookingAsync(http, citizenId, request.ProcedureCode!, request.OfficeId!, request.StartsAt!.Value, ct);
        }
        catch (NotAdmitted refused)
        {
            return refused.ToResult();
        }
        var state = await bookings.HoldAsync(citizenId, request.OfficeId!, request.ProcedureCode!, request.StartsAt!.Value, request.Channel!, confirm, ct);
        if (admission is not null)
            await rooms.BookedAsync(admission.EntryId, state.Ref.AppointmentId, bookings.Clock.GetUtcNow(), CancellationToken.None);
        return TypedResults.Created($"/api/appointments/{state.Ref.AppointmentId}", AppointmentReply.From(state));
    }
}
