using Omnichannel.BuildingBlocks.Vocabulary;
using Omnichannel.Appointments.Booking;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Appointments.CheckingIn;

public sealed record CheckIn(Guid AppointmentId, string? Channel, DateTimeOffset Now);

public static class CheckInDecision
{
    /// <summary>On arrival, from an hour before the start until the no-show grace period ends. Checking in twice changes nothing.</summary>
    public static IReadOnlyList<object> Decide(CheckIn command, AppointmentState appointment, BookingPolicy policy)
    {
        if (!appointment.Exists) throw Rejection.NotFound("There is no such appointment.");
        if (appointment.Status == AppointmentStatus.CheckedIn) return [];
        if (appointment.Status != AppointmentStatus.Booked)
            throw Rejection.Conflict($"This appointment is {WireEnum.Name(appointment.Status)}; only a booked appointment can be checked in.");
        if (command.Now < appointment.StartsAt - policy.CheckInOpens)
            throw Rejection.Conflict($"Too early: check-in opens {policy.CheckInOpensMinutesBefore} minutes before the appointment.");
        if (command.Now > appointment.StartsAt + policy.NoShowGrace)
            throw Rejection.Conflict("Too late: the appointment's time has passed. Please ask at the welcome desk.");
        return [new AppointmentCheckedIn(appointment.Ref, command.Channel, appointment.StartsAt, appointment.EndsAt, command.Now)];
    }
}
