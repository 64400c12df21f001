using Omnichannel.Appointments.Booking;

namespace Omnichannel.Appointments.Reminders;

public sealed record SendReminder(Guid AppointmentId, string OfficeAddress, string Language, string PreferredChannel, DateTimeOffset Now);

public static class ReminderDecision
{
    /// <summary>Once per booked appointment (again after a reschedule), from the reminder lead before the start
    /// until the start; in the citizen's language, for their preferred channel.</summary>
    public static IReadOnlyList<object> Decide(SendReminder command, AppointmentState appointment, BookingPolicy policy)
    {
        if (!appointment.Exists || appointment.Status != AppointmentStatus.Booked || appointment.Reminded) return [];
        if (command.Now < appointment.StartsAt - policy.ReminderLead || command.Now >= appointment.StartsAt) return [];
        return [new AppointmentReminderDue(appointment.Ref, command.OfficeAddress, appointment.StartsAt, command.Language, command.PreferredChannel, command.Now)];
    }
}
