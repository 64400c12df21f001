using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Appointments.Booking;

/// <summary>
/// What every appointment use case runs on (each use case is in its own folder: Holding/, Confirming/, Cancelling/, …):
/// reads the streams a decision needs through a <see cref="StreamSet"/>, decides, appends everything in one transaction
/// at the versions read through <see cref="SlotChanges"/>, and on a lost race (someone took a place in the same slot
/// meanwhile) decides again against the new state.
/// </summary>
public sealed class Bookings(IDocumentStore store, SlotGate gate, CitizenCheck citizens, SlotChanges slotChanges, ProcedureDurations procedures, IBusinessCalendars calendars, IOptions<BookingPolicy> policy, TimeProvider clock)
{
    public BookingPolicy Policy => policy.Value;

    internal IDocumentStore Store => store;
    internal SlotGate Gate => gate;
    internal CitizenCheck Citizens => citizens;
    internal ProcedureDurations Procedures => procedures;
    internal IBusinessCalendars Calendars => calendars;
    internal TimeProvider Clock => clock;

    /// <summary>A decision on an existing appointment (and the slot and agenda streams it reads through the set), taken
    /// again on the new state when its save loses a race. A client's If-Match (<paramref name="precondition"/>) is checked
    /// against the appointment's stream as read — a retry after a lost race therefore fails it, as it should — and the
    /// version the write reached is left in it for the reply's ETag.</summary>
    internal Task<AppointmentState> OnAppointmentAsync(Guid appointmentId, Func<StreamSet, AppointmentState, Task<IReadOnlyList<Change>>> decide, CancellationToken ct,
        PreconditionOf? precondition = null) =>
        ConcurrencyRetry.RetryOnConflictAsync(async () =>
        {
            await using var session = store.OpenTenantSession();
            var set = new StreamSet(session);
            var key = AppointmentState.StreamKey(appointmentId);
            var appointment = await set.LoadAsync(key, AppointmentState.Initial, AppointmentState.Evolve, ct);
            if (appointment.Exists) precondition?.Check(set.VersionOf(key)); // a missing one is the decision's 404
            var changes = await decide(set, appointment);
            var after = await SaveAsync(set, changes, appointment, appointmentId, ct);
            if (precondition is not null) precondition.Reached = set.VersionOf(key);
            return after;
        }, ct);

    /// <summary>Saves the changes and returns the appointment as they leave it.</summary>
    internal async Task<AppointmentState> SaveAsync(StreamSet set, IReadOnlyList<Change> changes, AppointmentState appointment, Guid appointmentId, CancellationToken ct)
    {
        await slotChanges.SaveAsync(set, changes, ct);
        return Change.For(changes, AppointmentState.StreamKey(appointmentId)).Aggregate(appointment, AppointmentState.Evolve);
    }
}
