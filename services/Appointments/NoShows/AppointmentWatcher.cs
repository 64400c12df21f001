using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Closures;
using Omnichannel.Appointments.Offices;
using Omnichannel.Appointments.Reminders;
using Omnichannel.BuildingBlocks.Context;

namespace Omnichannel.Appointments.NoShows;

/// <summary>
/// The appointments' clock, on <see cref="TimeProvider"/>: marks no-shows once the grace period after the start has
/// passed without a check-in, and raises reminders when they are due (in the citizen's language, for their preferred
/// channel), and moves appointments a closure left behind. Runs where the daemon runs (one process per service); each step is an idempotent decision, so a second
/// pass or a crash half-way changes nothing.
/// </summary>
public sealed class AppointmentWatcher(IServiceScopeFactory scopes, IDocumentStore store, TimeProvider clock, IOptions<BookingPolicy> policy, ILogger<AppointmentWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(policy.Value.WatchIntervalSeconds), clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                await RelocateStrandedAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The appointment watcher failed; it will try again");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over every council: due no-shows, then due reminders. Returns how many of each.</summary>
    public async Task<(int Missed, int Reminded)> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rules = policy.Value;
        var missedBefore = now - rules.NoShowGrace;
        var remindBefore = now + rules.ReminderLead;
        await using var query = store.QuerySession();
        var missed = await query.Query<AppointmentView>()
            .Where(a => a.AnyTenant() && a.Status == AppointmentStatus.Booked && a.StartsAt < missedBefore)
            .OrderBy(a => a.StartsAt)
            .Select(a => new Due(a.TenantId!, a.AppointmentId, a.CitizenId, a.OfficeId))
            .ToListAsync(ct);
        var reminders = await query.Query<AppointmentView>()
            .Where(a => a.AnyTenant() && a.Status == AppointmentStatus.Booked && !a.Reminded && a.StartsAt < remindBefore && a.StartsAt > now)
            .OrderBy(a => a.StartsAt)
            .Select(a => new Due(a.TenantId!, a.AppointmentId, a.CitizenId, a.OfficeId))
            .ToListAsync(ct);

        var marked = 0;
        foreach (var due in missed)
            if (await EachAsync(due, "mark as missed", async scope => await scope.ServiceProvider.GetRequiredService<Bookings>().MarkMissedAsync(due.AppointmentId, ct)))
                marked++;
        var reminded = 0;
        foreach (var due in reminders)
            if (await EachAsync(due, "remind", async scope =>
                {
                    var (language, channel) = await scope.ServiceProvider.GetRequiredService<CitizenPreferences>().OfAsync(due.CitizenId, ct);
                    await using var session = store.QuerySession(due.TenantId);
                    var office = await session.LoadAsync<OfficeView>(OfficeState.StreamKey(due.OfficeId), ct);
                    await scope.ServiceProvider.GetRequiredService<Bookings>().RemindAsync(due.AppointmentId, office?.Address ?? due.OfficeId, language, channel, ct);
                }))
                reminded++;
        return (marked, reminded);
    }

    /// <summary>One appointment's step, in its council's context. A failure is logged and left for the next pass, so one
    /// appointment that cannot be handled does not hold up everyone else's reminder or no-show.</summary>
    private async Task<bool> EachAsync(Due due, string step, Func<AsyncServiceScope, Task> work)
    {
        try
        {
            using var context = RequestContext.Begin(due.TenantId, null);
            await using var scope = scopes.CreateAsyncScope();
            await work(scope);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The appointment watcher could not {Step} appointment {AppointmentId}; it will try again", step, due.AppointmentId);
            return false;
        }
    }

    /// <summary>Moves appointments still on a day their office closed. The closure's own subscription moves those it
    /// finds; a booking that read the office an instant before the closure and saved an instant after it listed the day
    /// is only found here, on the next pass. Returns how many were moved or cancelled.</summary>
    public async Task<int> RelocateStrandedAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1); // a day's margin for time zones
        await using var query = store.QuerySession();
        var closed = (await query.Query<OfficeView>().Where(o => o.AnyTenant()).ToListAsync(ct))
            .SelectMany(o => o.Closures.Where(day => day >= today).Select(day => (Office: o, Day: day)))
            .ToList();
        var relocated = 0;
        foreach (var (office, day) in closed)
        {
            try
            {
                using var context = RequestContext.Begin(office.TenantId, null);
                await using var scope = scopes.CreateAsyncScope();
                var reason = office.ClosureReasons.GetValueOrDefault(day.ToString("yyyy-MM-dd")) ?? "The office is closed that day.";
                var (moved, cancelled) = await scope.ServiceProvider.GetRequiredService<ClosureRelocation>().RelocateAsync(office.OfficeId, day, reason, ct);
                relocated += moved + cancelled;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The appointment watcher could not move the appointments of {OfficeId} on its closed day {Day}; it will try again", office.OfficeId, day.ToString("yyyy-MM-dd"));
            }
        }
        return relocated;
    }

    private sealed record Due(string TenantId, Guid AppointmentId, Guid CitizenId, string OfficeId);
}
