using Omnichannel.BuildingBlocks.Vocabulary;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Appointments.Cancelling;

public sealed record CancelAppointment(Guid AppointmentId, string? Reason, string? Channel, string By, DateTimeOffset Now);

public static class CancelDecision
{
    /// <summary>A held or booked appointment that has not started can be cancelled; its place is free at once.
    /// Cancelling twice changes nothing.</summary>
    public static IReadOnlyList<Change> Decide(CancelAppointment command, AppointmentState appointment)
    {
        if (!appointment.Exists) throw Rejection.NotFound("There is no such appointment.");
        if (appointment.Status == AppointmentStatus.Cancelled) return [];
        if (appointment.Status is not (AppointmentStatus.Held or AppointmentStatus.Booked))
            throw Rejection.Conflict($"This appointment is {WireEnum.Name(appointment.Status)} and can no longer be cancelled.");
        if (appointment.StartsAt <= command.Now)
            throw Rejection.Conflict("This appointment has already started and can no longer be cancelled.");

        var a = appointment.Ref;
        return
        [
            new(SlotUnit.StreamKey(a.OfficeId, a.ProcedureCode, appointment.StartsAt), [new SlotFreed(a.AppointmentId, "cancelled", command.Now)]),
            new(CitizenAgenda.StreamKey(a.CitizenId), [new AgendaEntryRemoved(a.AppointmentId)]),
            new(AppointmentState.StreamKey(a.AppointmentId), [new AppointmentCancelled(a, command.Channel, appointment.StartsAt, command.Reason, command.By, command.Now)]),
        ];
    }
}
