using Omnichannel.Appointments.Booking;

namespace Omnichannel.Appointments.NoShows;

/// <summary>The watcher's use case: an appointment whose citizen did not come within the grace period is missed.</summary>
public static class AppointmentMissing
{
    public static Task<AppointmentState> MarkMissedAsync(this Bookings bookings, Guid appointmentId, CancellationToken ct) =>
        bookings.OnAppointmentAsync(appointmentId, async (set, appointment) =>
        {
            if (appointment.Exists) await set.LoadAsync(CitizenAgenda.StreamKey(appointment.Ref.CitizenId), CitizenAgenda.Initial, CitizenAgenda.Evolve, ct);
            return MissDecision.Decide(new MarkMissed(appointmentId, bookings.Clock.GetUtcNow()), appointment, bookings.Policy);
        }, ct);
}
