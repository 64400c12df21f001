using Omnichannel.BuildingBlocks.Vocabulary;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Appointments.Booking;

namespace Omnichannel.Appointments.Confirming;

public sealed record ConfirmHold(Guid AppointmentId, DateTimeOffset Now);

public static class ConfirmDecision
{
    /// <summary>A hold becomes a booking if it has not expired; an expired one must be held again (its place may be gone).</summary>
    public static IReadOnlyList<Change> Decide(ConfirmHold command, SlotUnit slot, CitizenAgenda agenda, AppointmentState appointment)
    {
        if (!appointment.Exists) throw Rejection.NotFound("There is no such appointment.");
        if (appointment.Status == AppointmentStatus.Booked) return [];
        if (appointment.Status != AppointmentStatus.Held)
            throw Rejection.Conflict($"This appointment is {WireEnum.Name(appointment.Status)}; only a held slot can be confirmed.");
        if (appointment.HoldExpiredAt(command.Now) || slot.Find(command.AppointmentId) is not { } occupant || !occupant.ActiveAt(command.Now))
            throw Rejection.Conflict("The hold on this slot has expired: find a slot and hold it again.");

        var a = appointment;
        return
        [
            new(SlotUnit.StreamKey(a.Ref.OfficeId, a.Ref.ProcedureCode, a.StartsAt), [new SlotConfirmed(a.Ref.AppointmentId, command.Now)]),
            new(CitizenAgenda.StreamKey(a.Ref.CitizenId), [new AgendaEntryConfirmed(a.Ref.AppointmentId)]),
            new(AppointmentState.StreamKey(a.Ref.AppointmentId), [new AppointmentBooked(a.Ref, a.Channel, a.StartsAt, a.EndsAt, command.Now)]),
        ];
    }
}
