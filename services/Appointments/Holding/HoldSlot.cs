using FluentValidation;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Offices;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Contracts;

namespace Omnichannel.Appointments.Holding;

public sealed record HoldRequest(string? OfficeId, string? ProcedureCode, DateTimeOffset? StartsAt, string? Channel);

public sealed class HoldRequestValidator : AbstractValidator<HoldRequest>
{
    public HoldRequestValidator()
    {
        RuleFor(r => r.OfficeId).NotEmpty();
        RuleFor(r => r.ProcedureCode).NotEmpty();
        RuleFor(r => r.StartsAt).NotNull();
        RuleFor(r => r.Channel).NotEmpty().Must(c => c is null || Channels.IsKnown(c))
            .WithMessage(Channels.UnknownMessage);
    }
}

/// <summary>Holds a slot for a citizen for a few minutes while the booking flow completes; confirming it books it.</summary>
public static class HoldSlotEndpoint
{
    public static Task<IResult> Handle(Guid citizenId, HoldRequest request, HttpContext http, Bookings bookings, WaitingRoom.Admitting.WaitingRoomGuard guard,
        WaitingRoom.WaitingRoomStore rooms, CancellationToken ct) =>
        WaitingRoom.Admitting.AdmittedBooking.TakeAsync(http, citizenId, request, confirm: false, bookings, guard, rooms, ct);
}

public static class SlotHolding
{
    /// <summary>
    /// Takes a place in a slot for a citizen: held for a few minutes, or booked at once when <paramref name="confirm"/>.
    /// Everything but the slot is read in one round trip before queueing at the slot's gate, so a turn at the gate is one
    /// write; a save that loses a race (another replica wrote the slot) makes the gate forget the slot and the whole
    /// decision is taken again.
    /// </summary>
    public static async Task<AppointmentState> HoldAsync(this Bookings bookings, Guid citizenId, string officeId, string procedureCode, DateTimeOffset startsAt,
        string channel, bool confirm, CancellationToken ct)
    {
        var (gate, citizens, clock) = (bookings.Gate, bookings.Citizens, bookings.Clock);
        var procedure = await bookings.Procedures.GetAsync(procedureCode, ct);
        var appointmentId = Guid.NewGuid();
        var code = AppointmentCode.New();
        var slotKey = SlotUnit.StreamKey(officeId, procedureCode, startsAt);
        var agendaKey = CitizenAgenda.StreamKey(citizenId);
        return await ConcurrencyRetry.RetryOnConflictAsync(async () =>
        {
            await using var session = bookings.Store.OpenTenantSession();
            var tenant = session.TenantId;
            var set = new StreamSet(session);
            // Everything but the slot in one round trip, before queueing for the slot: the turn at the slot is one write.
            var batch = session.CreateBatchQuery();
            var occupancyRead = batch.Load<SlotOccupancy>(slotKey);
            var officeRead = batch.Load<OfficeView>(OfficeState.StreamKey(officeId));
            var citizenRead = await citizens.RememberedAsync(citizenId) ? null : batch.Load<KnownCitizen>(citizenId);
            set.Enlist(batch, agendaKey);
            await batch.Execute(ct);
            await citizens.EnsureExistsAsync(citizenId, citizenRead is not null && await citizenRead is not null, ct);
            var office = await officeRead;
            // The crowd that lost gets the cheap answer from the slot's read model.
            RefuseIfFull(await occupancyRead, office, procedureCode, clock.GetUtcNow());
            var agenda = await set.LoadAsync(agendaKey, CitizenAgenda.Initial, CitizenAgenda.Evolve, ct);
            var appointment = set.New(AppointmentState.StreamKey(appointmentId), AppointmentState.Initial);
            var context = new SlotContext(office, bookings.Calendars, procedure.SlotLength, bookings.Policy);

            return await gate.RunAsync(tenant, slotKey, async () =>
            {
                var command = new HoldSlot(appointmentId, code, citizenId, officeId, procedureCode, startsAt, channel, clock.GetUtcNow());
                IReadOnlyList<Change> Decide(SlotUnit slot) => confirm
                    ? HoldDecision.DecideBooking(command, slot, agenda, appointment, context)
                    : HoldDecision.Decide(command, slot, agenda, appointment, context);

                var fromMemory = gate.TryRecall(tenant, slotKey, out var recalled, out var version);
                var slot = fromMemory
                    ? set.Known(slotKey, recalled, version)
                    : await set.LoadAsync(slotKey, SlotUnit.Initial, SlotUnit.Evolve, ct);
                IReadOnlyList<Change> changes;
                try
                {
                    changes = Decide(slot);
                }
                catch (Rejection) when (fromMemory && !gate.RecentlySaved(tenant, slotKey))
                {
                    // A refusal is only given from a state at most a second old: another replica may have freed a place.
                    slot = await set.LoadAsync(slotKey, SlotUnit.Initial, SlotUnit.Evolve, ct);
                    changes = Decide(slot);
                }
                try
                {
                    var saved = await bookings.SaveAsync(set, changes, appointment, appointmentId, ct);
                    gate.Remember(tenant, slotKey, Change.For(changes, slotKey).Aggregate(slot, SlotUnit.Evolve), set.VersionOf(slotKey));
                    return saved;
                }
                catch (Exception e) when (LostRace.Is(e))
                {
                    gate.Forget(tenant, slotKey);
                    throw;
                }
            }, ct);
        }, ct);
    }

    /// <summary>The cheap early answer for the crowd that lost: the slot's inline read model already says it is full.
    /// Only an optimisation — the decision on the slot stream stays the rule — so a stale "free" just costs a full decision.</summary>
    private static void RefuseIfFull(SlotOccupancy? occupancy, OfficeView? office, string procedureCode, DateTimeOffset now)
    {
        if (occupancy is null || office is null) return;
        var desks = office.DesksFor(procedureCode);
        if (desks > 0 && occupancy.ActiveCount(now) >= desks)
            throw Rejection.Conflict("This slot has just been taken: choose another time.");
    }
}
