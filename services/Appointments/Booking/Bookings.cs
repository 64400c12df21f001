using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.Appointments.Cancelling;
using Omnichannel.Appointments.CheckingIn;
using Omnichannel.Appointments.Completing;
using Omnichannel.Appointments.NoShows;
using Omnichannel.Appointments.Offices;
using Omnichannel.Appointments.Reminders;
using Omnichannel.Appointments.Rescheduling;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;

namespace Omnichannel.Appointments.Booking;

/// <summary>
/// Runs the appointment decisions against the event store: reads the streams a decision needs through a
/// <see cref="StreamSet"/>, decides, appends everything in one transaction at the versions read, and on a lost race
/// (someone took a place in the same slot meanwhile) decides again against the new state.
/// </summary>
public sealed class Bookings(IDocumentStore store, SlotGate gate, CitizenCheck citizens, SlotChanges slotChanges, ProcedureDurations procedures, IBusinessCalendars calendars, IOptions<BookingPolicy> policy, TimeProvider clock)
{
    public BookingPolicy Policy => policy.Value;

    public async Task<AppointmentState> HoldAsync(Guid citizenId, string officeId, string procedureCode, DateTimeOffset startsAt, string channel, bool confirm, CancellationToken ct)
    {
        var procedure = await procedures.GetAsync(procedureCode, ct);
        var appointmentId = Guid.NewGuid();
        var code = AppointmentCode.New();
        var slotKey = SlotUnit.StreamKey(officeId, procedureCode, startsAt);
        var agendaKey = CitizenAgenda.StreamKey(citizenId);
        return await ConcurrencyRetry.RetryOnConflictAsync(async () =>
        {
            await using var session = store.OpenTenantSession();
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
            RefuseIfFull(await occupancyRead, office, procedureCode);
            var agenda = await set.LoadAsync(agendaKey, CitizenAgenda.Initial, CitizenAgenda.Evolve, ct);
            var appointment = set.New(AppointmentState.StreamKey(appointmentId), AppointmentState.Initial);
            var context = new SlotContext(office, calendars, procedure.SlotLength, Policy);

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
                    var saved = await SaveAsync(set, changes, appointment, appointmentId, ct);
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

    public Task<AppointmentState> ConfirmAsync(Guid appointmentId, CancellationToken ct) =>
        OnAppointmentAsync(appointmentId, async (set, appointment) =>
        {
            var a = appointment.Ref;
            var slot = await set.LoadAsync(SlotUnit.StreamKey(a.OfficeId, a.ProcedureCode, appointment.StartsAt), SlotUnit.Initial, SlotUnit.Evolve, ct);
            var agenda = await set.LoadAsync(CitizenAgenda.StreamKey(a.CitizenId), CitizenAgenda.Initial, CitizenAgenda.Evolve, ct);
            return ConfirmDecision.Decide(new ConfirmHold(appointmentId, clock.GetUtcNow()), slot, agenda, appointment);
        }, ct);

    public Task<AppointmentState> CancelAsync(Guid appointmentId, string? reason, string? channel, string by, CancellationToken ct) =>
        OnAppointmentAsync(appointmentId, async (set, appointment) =>
        {
            var a = appointment.Ref;
            if (appointment.Exists)
            {
                await set.LoadAsync(SlotUnit.StreamKey(a.OfficeId, a.ProcedureCode, appointment.StartsAt), SlotUnit.Initial, SlotUnit.Evolve, ct);
                await set.LoadAsync(CitizenAgenda.StreamKey(a.CitizenId), CitizenAgenda.Initial, CitizenAgenda.Evolve, ct);
            }
            return CancelDecision.Decide(new CancelAppointment(appointmentId, reason, channel, by, clock.GetUtcNow()), appointment);
        }, ct);

    public Task<AppointmentState> RescheduleAsync(Guid appointmentId, DateTimeOffset newStartsAt, string? channel, CancellationToken ct) =>
        OnAppointmentAsync(appointmentId, async (set, appointment) =>
        {
            var a = appointment.Ref;
            if (!appointment.Exists) return RescheduleDecision.Decide(new(appointmentId, newStartsAt, channel, clock.GetUtcNow()), appointment, SlotUnit.Initial, SlotUnit.Initial, CitizenAgenda.Initial, null!);
            var procedure = await procedures.GetAsync(a.ProcedureCode, ct);
            var office = await set.Session.LoadAsync<OfficeView>(OfficeState.StreamKey(a.OfficeId), ct);
            var oldSlot = await set.LoadAsync(SlotUnit.StreamKey(a.OfficeId, a.ProcedureCode, appointment.StartsAt), SlotUnit.Initial, SlotUnit.Evolve, ct);
            var newSlot = newStartsAt == appointment.StartsAt
                ? oldSlot
                : await set.LoadAsync(SlotUnit.StreamKey(a.OfficeId, a.ProcedureCode, newStartsAt), SlotUnit.Initial, SlotUnit.Evolve, ct);
            var agenda = await set.LoadAsync(CitizenAgenda.StreamKey(a.CitizenId), CitizenAgenda.Initial, CitizenAgenda.Evolve, ct);
            return RescheduleDecision.Decide(new(appointmentId, newStartsAt, channel, clock.GetUtcNow()), appointment, oldSlot, newSlot, agenda,
                new SlotContext(office, calendars, procedure.SlotLength, Policy));
        }, ct);

    public Task<AppointmentState> CheckInAsync(Guid appointmentId, string? channel, CancellationToken ct) =>
        OnAppointmentAsync(appointmentId, (_, appointment) => Task.FromResult<IReadOnlyList<Change>>(
            [new(AppointmentState.StreamKey(appointmentId), CheckInDecision.Decide(new CheckIn(appointmentId, channel, clock.GetUtcNow()), appointment, Policy))]), ct);

    public Task<AppointmentState> CompleteAsync(Guid appointmentId, string by, CancellationToken ct) =>
        OnAppointmentAsync(appointmentId, async (set, appointment) =>
        {
            if (appointment.Exists) await set.LoadAsync(CitizenAgenda.StreamKey(appointment.Ref.CitizenId), CitizenAgenda.Initial, CitizenAgenda.Evolve, ct);
            return CompleteDecision.Decide(new CompleteAppointment(appointmentId, by, clock.GetUtcNow()), appointment);
        }, ct);

    public Task<AppointmentState> MarkMissedAsync(Guid appointmentId, CancellationToken ct) =>
        OnAppointmentAsync(appointmentId, async (set, appointment) =>
        {
            if (appointment.Exists) await set.LoadAsync(CitizenAgenda.StreamKey(appointment.Ref.CitizenId), CitizenAgenda.Initial, CitizenAgenda.Evolve, ct);
            return MissDecision.Decide(new MarkMissed(appointmentId, clock.GetUtcNow()), appointment, Policy);
        }, ct);

    public Task<AppointmentState> RemindAsync(Guid appointmentId, string officeAddress, string language, string preferredChannel, CancellationToken ct) =>
        OnAppointmentAsync(appointmentId, (_, appointment) => Task.FromResult<IReadOnlyList<Change>>(
            [new(AppointmentState.StreamKey(appointmentId), ReminderDecision.Decide(new SendReminder(appointmentId, officeAddress, language, preferredChannel, clock.GetUtcNow()), appointment, Policy))]), ct);

    /// <summary>The cheap early answer for the crowd that lost: the slot's inline read model already says it is full.
    /// Only an optimisation — the decision on the slot stream stays the rule — so a stale "free" just costs a full decision.</summary>
    private void RefuseIfFull(SlotOccupancy? occupancy, OfficeView? office, string procedureCode)
    {
        if (occupancy is null || office is null) return;
        var desks = office.DesksFor(procedureCode);
        if (desks > 0 && occupancy.ActiveCount(clock.GetUtcNow()) >= desks)
            throw Rejection.Conflict("This slot has just been taken: choose another time.");
    }

    private Task<AppointmentState> OnAppointmentAsync(Guid appointmentId, Func<StreamSet, AppointmentState, Task<IReadOnlyList<Change>>> decide, CancellationToken ct) =>
        ConcurrencyRetry.RetryOnConflictAsync(async () =>
        {
            await using var session = store.OpenTenantSession();
            var set = new StreamSet(session);
            var appointment = await set.LoadAsync(AppointmentState.StreamKey(appointmentId), AppointmentState.Initial, AppointmentState.Evolve, ct);
            var changes = await decide(set, appointment);
            return await SaveAsync(set, changes, appointment, appointmentId, ct);
        }, ct);

    private async Task<AppointmentState> SaveAsync(StreamSet set, IReadOnlyList<Change> changes, AppointmentState appointment, Guid appointmentId, CancellationToken ct)
    {
        await slotChanges.SaveAsync(set, changes, ct);
        return Change.For(changes, AppointmentState.StreamKey(appointmentId)).Aggregate(appointment, AppointmentState.Evolve);
    }
}
