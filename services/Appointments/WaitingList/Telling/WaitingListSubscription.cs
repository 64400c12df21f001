using JasperFx.Events;
using Marten;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Reminders;
using Omnichannel.BuildingBlocks.EventStore;

namespace Omnichannel.Appointments.WaitingList.Telling;

/// <summary>
/// Hears every place that frees up — a cancellation, a reschedule leaving its old slot — through a checkpointed Marten
/// subscription (run by the async daemon, like the outbox) and tells the first citizen on that procedure's waiting list
/// at that office (<see cref="WaitingCitizenTold"/>, which leaves as the integration event messaging's notices hear).
/// A place already in the past, or freed by a closure (the office is closed that day), tells nobody.
/// </summary>
public sealed class WaitingListSubscription : EachEventSubscription
{
    public const string SubscriptionName = "waiting-lists";

    public WaitingListSubscription(IServiceScopeFactory scopes) : base(scopes, SubscriptionName)
    {
        IncludeType<AppointmentCancelled>();
        IncludeType<AppointmentRescheduled>();
    }

    protected override Task HandleAsync(IEvent stored, IServiceProvider services, CancellationToken ct) => stored.Data switch
    {
        AppointmentCancelled c => TellAsync(services, c.Ref.ProcedureCode, c.Ref.OfficeId, c.StartsAt, stored.Id.ToString(), ct),
        AppointmentRescheduled r => TellAsync(services, r.Ref.ProcedureCode, r.Ref.OfficeId, r.PreviousStartsAt, stored.Id.ToString(), ct),
        _ => Task.CompletedTask,
    };

    private static async Task TellAsync(IServiceProvider services, string procedureCode, string officeId, DateTimeOffset startsAt, string freedBy, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        if (startsAt <= clock.GetUtcNow()) return;
        var store = services.GetRequiredService<IDocumentStore>();
        var key = WaitingListState.StreamKey(procedureCode, officeId);
        await ConcurrencyRetry.RetryOnConflictAsync(async () =>
        {
            await using var session = store.OpenTenantSession();
            var (state, _) = await session.LoadAsync(key, WaitingListState.Initial, WaitingListState.Evolve, ct);
            if (state.Waiting.Count == 0 || state.Told.Contains(freedBy)) return 0;
            var first = state.Waiting[0];
            var (language, channel) = await services.GetRequiredService<CitizenPreferences>().OfAsync(first, ct);
            await session.DecideAndAppendAsync(key, WaitingListState.Initial, WaitingListState.Evolve,
                s => WaitingListDecision.Tell(s, first, procedureCode, officeId, startsAt, freedBy, language, channel, clock.GetUtcNow()), ct);
            return 1;
        }, ct);
    }
}
