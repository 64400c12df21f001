using System.Globalization;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Kiosks.Sessions;

namespace Omnichannel.Kiosks.Usage;

/// <summary>What the usage figures need of one ended session: where, when, how (identified, assisted) and what was
/// done by kind — never who.</summary>
public sealed record SessionRecord(string KioskId, string OfficeId, DateOnly Day, bool Identified, bool Assisted, IReadOnlyList<SessionAction> Did);

/// <summary>A product of the self-service points is what the citizen did (the seed's: certificates and notifications
/// downloaded, appointments booked, tickets taken, receipts paid…), counted by kind.</summary>
public sealed record ProductCount(SessionAction Product, int Count);

public sealed record UsageRow(string Month, string OfficeId, string KioskId, int Sessions, int Identified, int Assisted, int Actions, IReadOnlyList<ProductCount> Products);

public sealed record UsageTotal(string Month, string OfficeId, int Sessions, int Actions);

/// <summary>One side of a before/after comparison: sessions and actions per day over the days of the period.</summary>
public sealed record UsagePeriod(DateOnly From, DateOnly To, int Days, int Sessions, int Actions, double SessionsPerDay, double ActionsPerDay);

/// <summary><c>Ratio</c>: sessions per day after over before (Mataró measured ×3 after its launch); null when nothing before.</summary>
public sealed record UsageComparison(DateOnly At, UsagePeriod Before, UsagePeriod After, double? Ratio);

/// <summary>Usage of the self-service points between two local dates: per month, office and kiosk with its products;
/// per month and office; per product; and, with <c>compareAt</c>, before and after that date.</summary>
public sealed record KioskUsage(DateOnly From, DateOnly To, string? OfficeId, string? KioskId, IReadOnlyList<UsageRow> Rows, IReadOnlyList<UsageTotal> Offices,
    IReadOnlyList<ProductCount> Products, UsageComparison? Comparison);

public static class UsageCalculation
{
    public static KioskUsage Compute(DateOnly from, DateOnly to, string? officeId, string? kioskId, IReadOnlyCollection<SessionRecord> sessions, DateOnly? compareAt)
    {
        static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        static IReadOnlyList<ProductCount> Products(IEnumerable<SessionRecord> s) =>
            [.. s.SelectMany(r => r.Did).GroupBy(a => a).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => new ProductCount(g.Key, g.Count()))];

        var inRange = sessions.Where(s => s.Day >= from && s.Day <= to).ToList();
        var rows = inRange.GroupBy(s => (Month: Month(s.Day), s.OfficeId, s.KioskId))
            .OrderBy(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.OfficeId, StringComparer.Ordinal).ThenBy(g => g.Key.KioskId, StringComparer.Ordinal)
            .Select(g => new UsageRow(g.Key.Month, g.Key.OfficeId, g.Key.KioskId, g.Count(), g.Count(s => s.Identified), g.Count(s => s.Assisted),
                g.Sum(s => s.Did.Count), Products(g)))
            .ToList();
        var offices = rows.GroupBy(r => (r.Month, r.OfficeId))
            .Select(g => new UsageTotal(g.Key.Month, g.Key.OfficeId, g.Sum(r => r.Sessions), g.Sum(r => r.Actions))).ToList();

        UsageComparison? comparison = null;
        if (compareAt is { } at)
        {
            UsagePeriod Period(DateOnly start, DateOnly end)
            {
                var days = Math.Max(0, end.DayNumber - start.DayNumber + 1);
                var within = inRange.Where(s => s.Day >= start && s.Day <= end).ToList();
                var actions = within.Sum(s => s.Did.Count);
                return new UsagePeriod(start, end, days, within.Count, actions, days == 0 ? 0 : Math.Round((double)within.Count / days, 2),
                    days == 0 ? 0 : Math.Round((double)actions / days, 2));
            }
            var before = Period(from, at.AddDays(-1));
            var after = Period(at, to);
            comparison = new UsageComparison(at, before, after,
                before.SessionsPerDay > 0 ? Math.Round(after.SessionsPerDay / before.SessionsPerDay, 2) : null);
        }
        return new KioskUsage(from, to, officeId, kioskId, rows, offices, Products(inRange), comparison);
    }
}

public static class KioskUsageEndpoint
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    /// <summary>Read from the sessions' end events (they name no one beyond an optional citizen id, not read here).</summary>
    public static async Task<IResult> Handle(DateOnly? from, DateOnly? to, string? officeId, string? kioskId, DateOnly? compareAt, IQuerySession session,
        TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Madrid).DateTime);
        var (first, last) = (from ?? new DateOnly(today.Year, 1, 1), to ?? today);
        if (last < first) throw Rejection.Invalid("to", "The period ends before it starts.");
        if (last.DayNumber - first.DayNumber > 3 * 366) throw Rejection.Invalid("to", "At most three years at once.");
        if (compareAt is { } at && (at <= first || at > last)) throw Rejection.Invalid("compareAt", "A date inside the period, after its first day.");
        var kiosk = kioskId is null ? null : KioskCodes.Kiosk.Require(kioskId, "kioskId");

        // A day's margin either side: local days, UTC instants.
        var (fromInstant, toInstant) = (new DateTimeOffset(first.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(last.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var query = session.Events.QueryRawEventDataOnly<SessionEnded>().Where(e => e.StartedAt >= fromInstant && e.StartedAt < toInstant);
        if (officeId is not null) query = query.Where(e => e.OfficeId == officeId);
        if (kiosk is not null) query = query.Where(e => e.KioskId == kiosk);
        var ended = await query.ToListAsync(ct);
        // Tickets and appointments recorded after their session ended still count for it.
        var endedIds = ended.Select(e => e.SessionId).ToList();
        var late = (await session.Events.QueryRawEventDataOnly<LateSessionActionRecorded>().Where(e => endedIds.Contains(e.SessionId)).ToListAsync(ct))
            .ToLookup(e => e.SessionId, e => e.Action);
        var records = ended.Select(e => new SessionRecord(e.KioskId, e.OfficeId, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.StartedAt, Madrid).DateTime),
            e.Identification != Identification.Anonymous, e.Assisted, [.. e.Did, .. late[e.SessionId]])).ToList();
        return TypedResults.Ok(UsageCalculation.Compute(first, last, officeId, kiosk, records, compareAt));
    }
}
