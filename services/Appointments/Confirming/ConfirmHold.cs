using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Slots;

namespace Omnichannel.Appointments.Confirming;

/// <summary>Confirms a held slot: the appointment is booked. A hold that expired must be held again.</summary>
public static class ConfirmHoldEndpoint
{
    public static async Task<IResult> Handle(Guid appointmentId, Bookings bookings, HttpContext http, CancellationToken ct)
    {
        var precondition = Versioning.Precondition(http.Request);
        return AppointmentReply.Written(await bookings.ConfirmAsync(appointmentId, ct, precondition), precondition, http.Response);
    }
}

public static class HoldConfirming
{
    public static Task<AppointmentState> ConfirmAsync(this Bookings bookings, Guid appointmentId, CancellationToken ct, PreconditionOf? precondition = null) =>
        bookings.OnAppointmentAsync(appointmentId, async (set, appointment) =>
        {
            var a = appointment.Ref;
            var slot = await set.LoadAsync(SlotUnit.StreamKey(a.OfficeId, a.ProcedureCode, appointment.StartsAt), SlotUnit.Initial, SlotUnit.Evolve, ct);
            var agenda = await set.LoadAsync(CitizenAgenda.StreamKey(a.CitizenId), CitizenAgenda.Initial, CitizenAgenda.Evolve, ct);
            return ConfirmDecision.Decide(new ConfirmHold(appointmentId, bookings.Clock.GetUtcNow()), slot, agenda, appointment);
        }, ct, precondition);
}
