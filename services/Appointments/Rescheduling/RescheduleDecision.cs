using Omnichannel.BuildingBlocks.Vocabulary;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.Confirming;

namespace Omnichannel.Appointments.Rescheduling;

public sealed record RescheduleAppointment(Guid AppointmentId, DateTimeOffset NewStartsAt, string? Channel, DateTimeOffset Now);

public static class RescheduleDecision
{
    /// <summary>
    /// Moves a booked appointment: frees the old place and takes the new one in the same decision, appended to
    /// both slot streams, the agenda and the appointment in one transaction — so the citizen never loses the old
    /// slot without getting the new one. The new slot obeys every booking rule; the appointment does not compete
    /// with itself for the citizen's rules.
    /// </summary>
    public static IReadOnlyList<Change> Decide(RescheduleAppointment command, AppointmentState appointment, SlotUnit oldSlot, SlotUnit newSlot, CitizenAgenda agenda, SlotContext context)
    {
        if (!appointment.Exists) throw Rejection.NotFound("There is no such appointment.");
        if (appointment.Status != AppointmentStatus.Booked)
            throw Rejection.Conflict($"This appointment is {WireEnum.Name(appointment.Status)}; only a booked appointment can be rescheduled.");
        if (command.NewStartsAt == appointment.StartsAt)
            throw Rejection.Invalid("startsAt", "The appointment is already at this time.");

        var a = appointment.Ref;
        var (place, capacity) = SlotRules.Check(context, a.OfficeId, a.ProcedureCode, command.NewStartsAt, command.Now);
        HoldDecision.CheckCitizen(agenda, a.CitizenId, a.ProcedureCode, place.Start, place.End, command.Now, except: a.AppointmentId);
        if (newSlot.ActiveCount(command.Now) >= capacity)
            throw Rejection.Conflict("That slot has just been taken: your appointment stays where it was.");

        return
        [
            new(SlotUnit.StreamKey(a.OfficeId, a.ProcedureCode, appointment.StartsAt), [new SlotFreed(a.AppointmentId, "rescheduled", command.Now)]),
            new(SlotUnit.StreamKey(a.OfficeId, a.ProcedureCode, place.Start),
                [.. newSlot.SweepExpired(command.Now), new SlotTaken(a.OfficeId, a.ProcedureCode, a.AppointmentId, a.CitizenId, place.Start, place.End, null, command.Now)]),
            new(CitizenAgenda.StreamKey(a.CitizenId), [new AgendaEntryMoved(a.AppointmentId, place.Start, place.End)]),
            new(AppointmentState.StreamKey(a.AppointmentId),
                [new AppointmentRescheduled(a, command.Channel, appointment.StartsAt, place.Start, place.End, appointment.Sequence + 1, command.Now)]),
        ];
    }
}
