using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.Confirming;

namespace Omnichannel.Appointments.Closures;

/// <summary>The council moves one appointment off the day its office closed, telling the citizen in their language
/// on their preferred channel.</summary>
public sealed record RelocateForClosure(Guid AppointmentId, string OfficeId, DateOnly ClosedOn, string Reason, string Language, string PreferredChannel, DateTimeOffset Now);

/// <summary>A free place the search found: its start, its slot stream as read, and its office's booking context.</summary>
public sealed record Offer(DateTimeOffset StartsAt, SlotUnit Slot, SlotContext Context);

public static class ClosureDecision
{
    /// <summary>Stranded by the closure: held (unexpired) or booked, at the closed office, on the closed day, not yet
    /// started. An appointment already moved, cancelled, attended or past is not, so a second pass changes nothing.</summary>
    public static bool Strands(RelocateForClosure command, AppointmentState appointment, BusinessCalendar officeCalendar) =>
        appointment.Exists
        && appointment.Status is AppointmentStatus.Held or AppointmentStatus.Booked
        && !appointment.HoldExpiredAt(command.Now)
        && appointment.Ref.OfficeId == command.OfficeId
        && officeCalendar.LocalDate(appointment.StartsAt) == command.ClosedOn
        && appointment.StartsAt > command.Now;

    /// <summary>
    /// Moves a stranded appointment into <paramref name="offer"/> — freeing the closed day's place and taking the new one
    /// in the same decision, as a reschedule does, so the citizen never holds neither — or, when there is no offer left,
    /// cancels it with the closure's reason. The offer obeys every booking rule (its office's hours and closures, the
    /// horizon, the citizen's other appointments, the slot's capacity); a refused offer is a <see cref="Rejection"/>
    /// and the caller tries the next one. A hold moves still held, until the same time.
    /// </summary>
    public static IReadOnlyList<Change> Decide(RelocateForClosure command, AppointmentState appointment, CitizenAgenda agenda, Offer? offer, BusinessCalendar officeCalendar)
    {
        if (!Strands(command, appointment, officeCalendar)) return [];
        var a = appointment.Ref;
        var closedPlace = new Change(SlotUnit.StreamKey(a.OfficeId, a.ProcedureCode, appointment.StartsAt), [new SlotFreed(a.AppointmentId, "office-closed", command.Now)]);

        if (offer is null)
        {
            return
            [
                closedPlace,
                new(CitizenAgenda.StreamKey(a.CitizenId), [new AgendaEntryRemoved(a.AppointmentId)]),
                new(AppointmentState.StreamKey(a.AppointmentId),
                    [new AppointmentCancelledByClosure(a, appointment.StartsAt, command.ClosedOn, command.Reason, command.Language, command.PreferredChannel, command.Now)]),
            ];
        }

        var officeId = offer.Context.Office?.OfficeId ?? "";
        var (place, capacity) = SlotRules.Check(offer.Context, officeId, a.ProcedureCode, offer.StartsAt, command.Now);
        HoldDecision.CheckCitizen(agenda, a.CitizenId, a.ProcedureCode, place.Start, place.End, command.Now, except: a.AppointmentId);
        if (offer.Slot.ActiveCount(command.Now) >= capacity)
            throw Rejection.Conflict("That slot has just been taken.");

        var heldUntil = appointment.Status == AppointmentStatus.Held ? appointment.HeldUntil : null;
        return
        [
            closedPlace,
            new(SlotUnit.StreamKey(officeId, a.ProcedureCode, place.Start),
                [.. offer.Slot.SweepExpired(command.Now), new SlotTaken(officeId, a.ProcedureCode, a.AppointmentId, a.CitizenId, place.Start, place.End, heldUntil, command.Now)]),
            new(CitizenAgenda.StreamKey(a.CitizenId), [new AgendaEntryMoved(a.AppointmentId, place.Start, place.End)]),
            new(AppointmentState.StreamKey(a.AppointmentId),
                [new AppointmentMovedByClosure(a with { OfficeId = officeId }, a.OfficeId, appointment.StartsAt, place.Start, place.End, appointment.Sequence + 1,
                    command.ClosedOn, command.Reason, offer.Context.Office!.Address, command.Language, command.PreferredChannel, command.Now)]),
        ];
    }

    /// <summary>
    /// The free slots worth offering, best first: the closed office's own (it has none on the closed day, so these are
    /// its later open days), earliest first; then other offices' from the appointment's original time on — the same
    /// day included, since only the closed office is closed — earliest first.
    /// </summary>
    public static IReadOnlyList<FreeSlot> Preference(IEnumerable<FreeSlot> free, string closedOfficeId, DateTimeOffset originalStart)
    {
        var slots = free.ToList();
        var same = slots.Where(s => s.OfficeId == closedOfficeId && s.StartsAt > originalStart).OrderBy(s => s.StartsAt);
        var others = slots.Where(s => s.OfficeId != closedOfficeId && s.StartsAt >= originalStart)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.OfficeId, StringComparer.Ordinal);
        return [.. same, .. others];
    }
}
