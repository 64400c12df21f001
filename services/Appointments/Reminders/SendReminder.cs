using Omnichannel.Appointments.Booking;

namespace Omnichannel.Appointments.Reminders;

/// <summary>The watcher's use case: the reminder of an appointment, once, a day before.</summary>
public static class AppointmentReminding
{
    public static Task<AppointmentState> RemindAsync(this Bookings bookings, Guid appointmentId, string officeAddress, string language, string preferredChannel, CancellationToken ct) =>
        bookings.OnAppointmentAsync(appointmentId, (_, appointment) => Task.FromResult<IReadOnlyList<Change>>(
            [new(AppointmentState.StreamKey(appointmentId), ReminderDecision.Decide(new SendReminder(appointmentId, officeAddress, language, preferredChannel, bookings.Clock.GetUtcNow()), appointment, bookings.Policy))]), ct);
}
