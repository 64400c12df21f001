using Marten;
using Omnichannel.Appointments.Offices;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;

namespace Omnichannel.Appointments.Slots;

public sealed record FreeSlot(string OfficeId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Free);

/// <summary>Free slots of a procedure over a day range in one pass: the offices, one query for every occupied slot
/// in the range, and the grid computed in memory — fast enough for a kiosk screen.</summary>
public sealed class SlotFinder(IDocumentStore store, SlotSearchCache cache, ProcedureDurations procedures, IBusinessCalendars calendars, Microsoft.Extensions.Options.IOptions<BookingPolicy> policy, TimeProvider clock)
{
    public const int MaxDays = 31;

    public async Task<(IReadOnlyList<FreeSlot> Slots, TimeSpan Length)> FindAsync(string procedureCode, string? officeId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var answer = await cache.GetOrComputeAsync(RequestContext.RequiredTenantId, $"{procedureCode}|{officeId}|{from}|{to}",
            // Shared by everyone asking the same within the second: not cancelled when the first asker goes away.
            async () => new Answer(await ComputeAsync(procedureCode, officeId, from, to, CancellationToken.None))).WaitAsync(ct);
        return answer.Value;
    }

    private sealed record Answer((IReadOnlyList<FreeSlot> Slots, TimeSpan Length) Value);

    private async Task<(IReadOnlyList<FreeSlot> Slots, TimeSpan Length)> ComputeAsync(string procedureCode, string? officeId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var today = calendars.For("on-site").LocalDate(clock.GetUtcNow());
        var first = from ?? today;
        var last = to ?? first.AddDays(6);
        if (last < first) throw Rejection.Invalid("to", "The range ends before it starts.");
        if (last.DayNumber - first.DayNumber >= MaxDays) throw Rejection.Invalid("to", $"Ask for at most {MaxDays} days at a time.");
        return await FreeAsync(procedureCode, officeId, first, last, ct);
    }

    /// <summary>Free slots of a procedure at every office serving it, from <paramref name="first"/> to the end of the
    /// booking horizon, read afresh (not from the cache, nor limited to a month): what the council offers a citizen
    /// whose office closed.</summary>
    public Task<(IReadOnlyList<FreeSlot> Slots, TimeSpan Length)> FreshToHorizonAsync(string procedureCode, DateOnly first, CancellationToken ct) =>
        FreeAsync(procedureCode, null, first, DateOnly.MaxValue, ct);

    private async Task<(IReadOnlyList<FreeSlot> Slots, TimeSpan Length)> FreeAsync(string procedureCode, string? officeId, DateOnly first, DateOnly last, CancellationToken ct)
    {
        await using var session = store.QueryTenantSession();
        var procedure = await procedures.GetAsync(procedureCode, ct);
        var offices = (await session.Query<OfficeView>().ToListAsync(ct))
            .Where(o => officeId is null || o.OfficeId == officeId)
            .Where(o => o.DesksFor(procedureCode) > 0)
            .ToList();
        if (officeId is not null && offices.Count == 0)
        {
            if (await session.LoadAsync<OfficeView>(OfficeState.StreamKey(officeId), ct) is null) throw Rejection.NotFound($"There is no office '{officeId}'.");
            throw Rejection.Invalid("procedureCode", $"Office '{officeId}' does not give appointments for '{procedureCode}'.");
        }

        var now = clock.GetUtcNow();
        var rules = policy.Value;
        var madrid = calendars.For("on-site");
        var today = madrid.LocalDate(now);
        if (first < today) first = today;
        var horizon = today.AddDays(rules.BookingHorizonDays);
        if (last > horizon) last = horizon;

        var rangeStart = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
        var rangeEnd = new DateTimeOffset(last.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(2);
        var officeIds = offices.Select(o => o.OfficeId).ToList();
        var occupied = (await session.Query<SlotOccupancy>()
                .Where(s => s.ProcedureCode == procedureCode && s.StartsAt >= rangeStart && s.StartsAt < rangeEnd)
                .ToListAsync(ct))
            .Where(s => officeIds.Contains(s.OfficeId))
            .ToDictionary(s => (s.OfficeId, s.StartsAt.UtcTicks), s => s.ActiveCount(now));

        var free = new List<FreeSlot>();
        foreach (var office in offices)
        {
            var calendar = calendars.For(office.Calendar);
            var capacity = office.DesksFor(procedureCode);
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                foreach (var slot in SlotGrid.On(calendar, office.Closures, day, procedure.SlotLength))
                {
                    if (slot.Start < now + rules.MinimumNotice) continue;
                    var left = capacity - occupied.GetValueOrDefault((office.OfficeId, slot.Start.UtcTicks));
                    if (left > 0) free.Add(new FreeSlot(office.OfficeId, slot.Start, slot.End, left));
                }
            }
        }
        return (free.OrderBy(s => s.StartsAt).ThenBy(s => s.OfficeId, StringComparer.Ordinal).ToList(), procedure.SlotLength);
    }
}
