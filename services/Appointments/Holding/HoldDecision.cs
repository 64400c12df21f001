using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Confirming;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Appointments.Holding;

public sealed record HoldSlot(Guid AppointmentId, string Code, Guid CitizenId, string OfficeId, string ProcedureCode, DateTimeOffset StartsAt, string Channel, DateTimeOffset Now);

public static class HoldDecision
{
    /// <summary>
    /// Keeps a place in a slot for a citizen for a few minutes: the slot must be bookable (see <see cref="SlotRules"/>),
    /// have a free place (expired holds do not count and are swept), and the citizen must have no other active
    /// appointment for the procedure nor one at an overlapping time.
    /// </summary>
    public static IReadOnlyList<Change> Decide(HoldSlot command, SlotUnit slot, CitizenAgenda agenda, AppointmentState appointment, SlotContext context) =>
        Take(command, slot, agenda, appointment, context, command.Now + context.Policy.Hold);

    /// <summary>Holds and confirms at once (kiosk, phone agent, gRPC): the same rules, one transaction.</summary>
    public static IReadOnlyList<Change> DecideBooking(HoldSlot command, SlotUnit slot, CitizenAgenda agenda, AppointmentState appointment, SlotContext context)
    {
        var held = Decide(command, slot, agenda, appointment, context);
        var confirmed = ConfirmDecision.Decide(new ConfirmHold(command.AppointmentId, command.Now),
            Fold(slot, SlotUnit.Evolve, held, SlotUnit.StreamKey(command.OfficeId, command.ProcedureCode, command.StartsAt)),
            Fold(agenda, CitizenAgenda.Evolve, held, CitizenAgenda.StreamKey(command.CitizenId)),
            Fold(appointment, AppointmentState.Evolve, held, AppointmentState.StreamKey(command.AppointmentId)));
        return [.. held.Select(h => h with { Events = [.. h.Events, .. Change.For(confirmed, h.StreamKey)] })];
    }

    private static IReadOnlyList<Change> Take(HoldSlot c, SlotUnit slot, CitizenAgenda agenda, AppointmentState appointment, SlotContext context, DateTimeOffset heldUntil)
    {
        if (appointment.Exists) throw Rejection.Conflict("This appointment already exists.");
        var (place, capacity) = SlotRules.Check(context, c.OfficeId, c.ProcedureCode, c.StartsAt, c.Now);
        CheckCitizen(agenda, c.CitizenId, c.ProcedureCode, place.Start, place.End, c.Now, except: null);
        if (slot.ActiveCount(c.Now) >= capacity)
            throw Rejection.Conflict("This slot has just been taken: choose another time.");

        var @ref = new AppointmentRef(c.AppointmentId, c.Code, c.CitizenId, c.OfficeId, c.ProcedureCode);
        return
        [
            new(SlotUnit.StreamKey(c.OfficeId, c.ProcedureCode, place.Start),
                [.. slot.SweepExpired(c.Now), new SlotTaken(c.OfficeId, c.ProcedureCode, c.AppointmentId, c.CitizenId, place.Start, place.End, heldUntil, c.Now)]),
            new(CitizenAgenda.StreamKey(c.CitizenId), [new AgendaEntryAdded(c.AppointmentId, c.ProcedureCode, place.Start, place.End, heldUntil)]),
            new(AppointmentState.StreamKey(c.AppointmentId), [new AppointmentHeld(@ref, c.Channel, place.Start, place.End, heldUntil, c.Now)]),
        ];
    }

    /// <summary>One active appointment per citizen and procedure; none overlapping. <paramref name="except"/> is the
    /// appointment being moved, which does not compete with itself.</summary>
    public static void CheckCitizen(CitizenAgenda agenda, Guid citizenId, string procedureCode, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, Guid? except)
    {
        var active = agenda.ActiveAt(now).Where(e => e.AppointmentId != except).ToList();
        if (active.FirstOrDefault(e => e.ProcedureCode == procedureCode) is { } same)
            throw Rejection.Conflict($"This citizen already has an appointment for '{procedureCode}' on {same.StartsAt:yyyy-MM-dd HH:mm zzz}; cancel or reschedule it instead.");
        if (active.FirstOrDefault(e => e.Overlaps(start, end)) is { } overlapping)
            throw Rejection.Conflict($"This citizen already has an appointment at that time ({overlapping.StartsAt:yyyy-MM-dd HH:mm zzz}, '{overlapping.ProcedureCode}').");
    }

    private static T Fold<T>(T state, Func<T, object, T> evolve, IReadOnlyList<Change> changes, string key) =>
        Change.For(changes, key).Aggregate(state, evolve);
}
