using Omnichannel.BuildingBlocks.Vocabulary;
using Omnichannel.Appointments.Booking;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Appointments.Completing;

public sealed record CompleteAppointment(Guid AppointmentId, string By, DateTimeOffset Now);

public static class CompleteDecision
{
    /// <summary>A checked-in citizen was attended; the appointment leaves their agenda.</summary>
    public static IReadOnlyList<Change> Decide(CompleteAppointment command, AppointmentState appointment)
    {
        if (!appointment.Exists) throw Rejection.NotFound("There is no such appointment.");
        if (appointment.Status == AppointmentStatus.Completed) return [];
        if (appointment.Status != AppointmentStatus.CheckedIn)
            throw Rejection.Conflict($"This appointment is {WireEnum.Name(appointment.Status)}; only a checked-in appointment can be completed.");
        var a = appointment.Ref;
        return
        [
            new(CitizenAgenda.StreamKey(a.CitizenId), [new AgendaEntryRemoved(a.AppointmentId)]),
            new(AppointmentState.StreamKey(a.AppointmentId), [new AppointmentCompleted(a, command.By, command.Now)]),
        ];
    }
}
