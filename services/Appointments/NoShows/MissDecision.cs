using Omnichannel.Appointments.Booking;

namespace Omnichannel.Appointments.NoShows;

public sealed record MarkMissed(Guid AppointmentId, DateTimeOffset Now);

public static class MissDecision
{
    /// <summary>A booked appointment nobody checked in for by the start plus the grace period is a no-show.
    /// Anything else (checked in, cancelled, still in time) is left alone: the watcher may ask twice.</summary>
    public static IReadOnlyList<Change> Decide(MarkMissed command, AppointmentState appointment, BookingPolicy policy)
    {
        if (!appointment.Exists || appointment.Status != AppointmentStatus.Booked) return [];
        if (command.Now <= appointment.StartsAt + policy.NoShowGrace) return [];
        var a = appointment.Ref;
        return
        [
            new(CitizenAgenda.StreamKey(a.CitizenId), [new AgendaEntryRemoved(a.AppointmentId)]),
            new(AppointmentState.StreamKey(a.AppointmentId), [new AppointmentMissed(a, appointment.StartsAt, command.Now)]),
        ];
    }
}
