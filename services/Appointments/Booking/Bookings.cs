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
using Omnichannel.BuildingBlocks.EventStore;

namespace Omnichannel.Appointments.Booking;

/// <summary>
/// Runs the appointment decisions against the event store: reads the streams a decision needs through a
/// <see cref="StreamSet"/>, decides, appends everything in one transaction at the versions read, and on a lost race
/// (someone took a place in the same slot meanwhile) decides again against the new state.
/// </summary>
public sealed class Bookings(IDocumentStore store, SlotGate gate, SlotSearchCache searches, ProcedureDurations procedures, IBusinessCalendars calendars, IOptions<BookingPolicy> policy, TimeProvider clock)
{
    public BookingPolicy Policy => policy.Value;

    public async Task<AppointmentState> HoldAsync(Guid citizenId, string officeId, string procedureCode, DateTimeOffset startsAt, string channel, bool confirm, CancellationToken ct)
    {
        var procedure = await procedures.GetAsync(procedureCode, ct);
        var appointmentId = Guid.NewGuid();
        var code = AppointmentCode.New();
        var slotKey = SlotUnit.StreamKey(officeId, procedureCode, startsAt);
        await RefuseIfFullAsync(slotKey, officeId, procedureCode, ct);
        return await gate.RunAsync(slotKey, () => ConcurrencyRetry.RetryOnConflictAsync(async () =>
        {
            // Those who queued behind the bookings that just filled the slot get the cheap answer too.
            await RefuseIfFullAsync(slotKey, officeId, procedureCode, ct);
            await using var session = store.OpenTenantSession();
            var set = new StreamSet(session);
            var office = await session.LoadAsync<OfficeView>(OfficeState.StreamKey(officeId), ct);
            await set.FetchAsync(ct, slotKey, CitizenAgenda.StreamKey(citizenId));
            var context = new SlotContext(office, calendars, procedure.SlotLength, Policy);
            var command = new HoldSlot(appointmentId, code, citizenId, officeId, procedureCode, startsAt, channel, clock.GetUtcNow());
            var slot = await set.LoadAsync(slotKey, SlotUnit.Initial, SlotUnit.Evolve, ct);
            var agenda = await set.LoadAsync(CitizenAgenda.StreamKey(citizenId), CitizenAgenda.Initial, CitizenAgenda.Evolve, ct);
            var appointment = set.New(AppointmentState.StreamKey(appointmentId), AppointmentState.Initial);
            var changes = confirm
                ? HoldDecision.DecideBooking(command, slot, agenda, appointment, context)
                : HoldDecision.Decide(command, slot, agenda, appointment, context);
            return await SaveAsync(set, changes, appointment, appointmentId, ct);
        }, ct), ct);
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
    private async Task RefuseIfFullAsync(string slotKey, string officeId, string procedureCode, CancellationToken ct)
    {
        await using var query = store.QueryTenantSession();
        var batch = query.CreateBatchQuery();
        var occupancyRead = batch.Load<SlotOccupancy>(slotKey);
        var officeRead = batch.Load<OfficeView>(OfficeState.StreamKey(officeId));
        await batch.Execute(ct);
        var occupancy = await occupancyRead;
        if (occupancy is null) return;
        var office = await officeRead;
        if (office is not null && occupancy.ActiveCount(clock.GetUtcNow()) >= office.DesksFor(procedureCode) && office.DesksFor(procedureCode) > 0)
            throw Omnichannel.BuildingBlocks.Domain.Rejection.Conflict("This slot has just been taken: choose another time.");
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
        if (await set.AppendAndSaveAsync(changes.Select(c => (c.StreamKey, c.Events)), ct)) searches.SlotsChanged(set.Session.TenantId);
        return Change.For(changes, AppointmentState.StreamKey(appointmentId)).Aggregate(appointment, AppointmentState.Evolve);
    }
}
