using Omnichannel.BuildingBlocks.Http;
using Omnichannel.Appointments.Booking;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.Appointments.Completing;

/// <summary>The citizen was attended (staff).</summary>
public static class CompleteAppointmentEndpoint
{
    public static async Task<IResult> Handle(Guid appointmentId, Bookings bookings, HttpContext http, CancellationToken ct)
    {
        var precondition = Versioning.Precondition(http.Request);
        return AppointmentReply.Written(await bookings.CompleteAsync(appointmentId, http.User.Subject(), ct, precondition), precondition, http.Response);
    }
}

public static class AppointmentCompleting
{
    public static Task<AppointmentState> CompleteAsync(this Bookings bookings, Guid appointmentId, string by, CancellationToken ct, PreconditionOf? precondition = null) =>
        bookings.OnAppointmentAsync(appointmentId, async (set, appointment) =>
        {
            if (appointment.Exists) await set.LoadAsync(CitizenAgenda.StreamKey(appointment.Ref.CitizenId), CitizenAgenda.Initial, CitizenAgenda.Evolve, ct);
            return CompleteDecision.Decide(new CompleteAppointment(appointmentId, by, bookings.Clock.GetUtcNow()), appointment);
        }, ct, precondition);
}
