using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Offices;
using Omnichannel.Appointments.Reminders;
using Omnichannel.Appointments.Slots;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Appointments.Holding;
using Omnichannel.Appointments.Confirming;

namespace Omnichannel.Appointments.Closures;

/// <summary>What one pass over a closed day did.</summary>
public sealed record ClosureOutcome(int Moved, int Cancelled);

/// <summary>
/// Moves every appointment stranded on a day an office closed, one at a time, earliest first (so the earliest
/// booked get the nearest places): each is decided by <see cref="ClosureDecision"/> against the streams it touches
/// and appended in one transaction at the versions read, retried on a lost race. Run by
/// <see cref="ClosureSubscription"/> for every closure; safe to run again, since a moved or cancelled appointment is no
/// longer stranded.
/// </summary>
public sealed class ClosureRelocation(
    IDocumentStore store, SlotFinder finder, ProcedureDurations procedures, CitizenPreferences preferences, SlotChanges slotChanges,
    IBusinessCalendars calendars, IOptions<BookingPolicy> policy, TimeProvider clock, ILogger<ClosureRelocation> logger)
{
    public async Task<ClosureOutcome> RelocateAsync(string officeId, DateOnly closedOn, string reason, CancellationToken ct)
    {
        List<AppointmentView> stranded;
        BusinessCalendar calendar;
        await using (var query = store.QueryTenantSession())
        {
            var office = await query.LoadAsync<OfficeView>(OfficeState.StreamKey(officeId), ct);
            if (office is null) return new(0, 0);
            calendar = calendars.For(office.Calendar);
            var now = clock.GetUtcNow();
            // A UTC window wider than the local day; the local date narrows it.
            var from = new DateTimeOffset(closedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
            var to = from.AddDays(3);
            stranded = (await query.Query<AppointmentView>()
                    .Where(a => a.OfficeId == officeId && a.StartsAt >= from && a.StartsAt < to && a.StartsAt > now
                        && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Held))
                    .OrderBy(a => a.StartsAt)
                    .ToListAsync(ct))
                .Where(a => calendar.LocalDate(a.StartsAt) == closedOn)
                .ToList();
        }

        int moved = 0, cancelled = 0;
        foreach (var appointment in stranded)
        {
            switch (await RelocateOneAsync(appointment.AppointmentId, appointment.CitizenId, officeId, closedOn, reason, calendar, ct))
            {
                case AppointmentMovedByClosure: moved++; break;
                case AppointmentCancelledByClosure: cancelled++; break;
            }
        }
        if (stranded.Count > 0)
            logger.LogInformation("Closure of {OfficeId} on {Date}: {Moved} appointments moved, {Cancelled} cancelled", officeId, closedOn.ToString("yyyy-MM-dd"), moved, cancelled);
        return new(moved, cancelled);
    }

    /// <summary>The appointment's new event: moved, cancelled, or null when it was no longer stranded.</summary>
    private async Task<object?> RelocateOneAsync(Guid appointmentId, Guid citizenId, string officeId, DateOnly closedOn, string reason, BusinessCalendar calendar, CancellationToken ct)
    {
        var (language, channel) = await preferences.OfAsync(citizenId, ct);
        return await ConcurrencyRetry.RetryOnConflictAsync(async () =>
        {
            await using var session = store.OpenTenantSession();
            var set = new StreamSet(session);
            var appointment = await set.LoadAsync(AppointmentState.StreamKey(appointmentId), AppointmentState.Initial, AppointmentState.Evolve, ct);
            var command = new RelocateForClosure(appointmentId, officeId, closedOn, reason, language, channel, clock.GetUtcNow());
            if (!ClosureDecision.Strands(command, appointment, calendar)) return null;

            var a = appointment.Ref;
            await set.LoadAsync(SlotUnit.StreamKey(a.OfficeId, a.ProcedureCode, appointment.StartsAt), SlotUnit.Initial, SlotUnit.Evolve, ct);
            var agenda = await set.LoadAsync(CitizenAgenda.StreamKey(a.CitizenId), CitizenAgenda.Initial, CitizenAgenda.Evolve, ct);
            foreach (var (free, context) in await OffersAsync(session, appointment, closedOn, ct))
            {
                var slot = await set.LoadAsync(SlotUnit.StreamKey(free.OfficeId, a.ProcedureCode, free.StartsAt), SlotUnit.Initial, SlotUnit.Evolve, ct);
                IReadOnlyList<Change> changes;
                try
                {
                    changes = ClosureDecision.Decide(command, appointment, agenda, new Offer(free.StartsAt, slot, context), calendar);
                }
                catch (Rejection)
                {
                    continue; // taken since the search, or the citizen has another appointment then: the next one
                }
                return await SaveAsync(set, changes, appointmentId, ct);
            }
            return await SaveAsync(set, ClosureDecision.Decide(command, appointment, agenda, null, calendar), appointmentId, ct);
        }, ct);
    }

    private async Task<IReadOnlyList<(FreeSlot Free, SlotContext Context)>> OffersAsync(IQuerySession session, AppointmentState appointment, DateOnly closedOn, CancellationToken ct)
    {
        var a = appointment.Ref;
        ProcedureInfo procedure;
        IReadOnlyList<FreeSlot> free;
        try
        {
            procedure = await procedures.GetAsync(a.ProcedureCode, ct);
            (free, _) = await finder.FreshToHorizonAsync(a.ProcedureCode, closedOn, ct);
        }
        catch (Rejection)
        {
            return []; // a withdrawn procedure has nowhere to move to
        }
        var offices = (await session.Query<OfficeView>().ToListAsync(ct)).ToDictionary(o => o.OfficeId);
        return [.. ClosureDecision.Preference(free, a.OfficeId, appointment.StartsAt)
            .Where(s => offices.ContainsKey(s.OfficeId))
            .Select(s => (s, new SlotContext(offices[s.OfficeId], calendars, procedure.SlotLength, policy.Value)))];
    }

    private async Task<object?> SaveAsync(StreamSet set, IReadOnlyList<Change> changes, Guid appointmentId, CancellationToken ct)
    {
        await slotChanges.SaveAsync(set, changes, ct);
        return Change.For(changes, AppointmentState.StreamKey(appointmentId)).LastOrDefault();
    }
}
