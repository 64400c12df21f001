using Omnichannel.Appointments.Holding;

namespace Omnichannel.Appointments.Booking;

/// <summary>Books a slot at once (hold and confirm in one step, one transaction), e.g. from a phone agent or a kiosk:
/// the same request, validator and rules as holding.</summary>
public static class BookSlotEndpoint
{
    public static async Task<IResult> Handle(Guid citizenId, HoldRequest request, Bookings bookings, CancellationToken ct)
    {
        var state = await bookings.HoldAsync(citizenId, request.OfficeId!, request.ProcedureCode!, request.StartsAt!.Value, request.Channel!, confirm: true, ct);
        return TypedResults.Created($"/api/appointments/{state.Ref.AppointmentId}", AppointmentReply.From(state));
    }
}
