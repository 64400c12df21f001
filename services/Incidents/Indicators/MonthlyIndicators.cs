using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Marten;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Incidents.LookingUp;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Indicators;

/// <summary>What the indicators need of one incident: nothing that names or describes anyone.</summary>
public sealed record IndicatorRow(string Channel, string Kind, DateTimeOffset ReportedAt, IncidentSla Sla, DateTimeOffset? ResolvedAt, int? Rating);

public sealed record VolumeLine(string Channel, string Kind, int Count);

/// <summary>Hours, nearest-rank percentiles over <paramref name="Count"/> values (null when there are none).</summary>
public sealed record Percentiles(int Count, double? P50, double? P90);

/// <summary>A month's figures for the transparency portal, for incidents reported in that month (the council's time zone).</summary>
public sealed record MonthlyIndicators(string Month, int Total, IReadOnlyList<VolumeLine> Volume, Percentiles FirstAnswerWorkingHours,
    int SlaClocksDecided, double? SlaCompliancePercent, Percentiles ResolutionHours, int SatisfactionCount, double? SatisfactionAverage);

public static class IndicatorCalculation
{
    public static MonthlyIndicators Compute(string month, IReadOnlyCollection<IndicatorRow> rows)
    {
        var volume = rows.GroupBy(r => (r.Channel, r.Kind)).OrderBy(g => g.Key.Channel, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal)
            .Select(g => new VolumeLine(g.Key.Channel, g.Key.Kind, g.Count())).ToList();
        // The first answer in working hours: the clock's elapsed time once met (pauses while waiting for the citizen excluded).
        var firstAnswers = rows.Select(r => r.Sla.FirstAnswer).Where(c => c?.MetAt is not null).Select(c => c!.Elapsed.TotalHours).ToList();
        // A clock is decided once met or breached; it complied when met before any breach.
        var clocks = rows.SelectMany(r => new[] { r.Sla.FirstAnswer, r.Sla.Resolution }).Where(c => c is not null && (c.MetAt is not null || c.BreachedAt is not null)).ToList();
        var complied = clocks.Count(c => c!.MetAt is not null && c.BreachedAt is null);
        var resolutions = rows.Where(r => r.ResolvedAt is not null).Select(r => (r.ResolvedAt!.Value - r.ReportedAt).TotalHours).ToList();
        var ratings = rows.Where(r => r.Rating is not null).Select(r => r.Rating!.Value).ToList();
        return new MonthlyIndicators(month, rows.Count, volume, Of(firstAnswers), clocks.Count,
            clocks.Count == 0 ? null : Math.Round(100.0 * complied / clocks.Count, 1), Of(resolutions),
            ratings.Count, ratings.Count == 0 ? null : Math.Round(ratings.Average(), 2));
    }

    private static Percentiles Of(List<double> hours)
    {
        if (hours.Count == 0) return new(0, null, null);
        hours.Sort();
        double Rank(double p) => Math.Round(hours[(int)Math.Ceiling(p * hours.Count) - 1], 2);
        return new(hours.Count, Rank(0.5), Rank(0.9));
    }

    /// <summary>One CSV for a spreadsheet: the volume lines, then each figure as a line of its own.</summary>
    public static string Csv(MonthlyIndicators m)
    {
        static string N(double? v) => v?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
        var csv = new StringBuilder("month,indicator,channel,kind,value\n");
        foreach (var v in m.Volume) csv.Append($"{m.Month},volume,{v.Channel},{v.Kind},{v.Count}\n");
        csv.Append($"{m.Month},total,,,{m.Total}\n");
        csv.Append($"{m.Month},first-answer-working-hours-p50,,,{N(m.FirstAnswerWorkingHours.P50)}\n");
        csv.Append($"{m.Month},first-answer-working-hours-p90,,,{N(m.FirstAnswerWorkingHours.P90)}\n");
        csv.Append($"{m.Month},sla-clocks-decided,,,{m.SlaClocksDecided}\n");
        csv.Append($"{m.Month},sla-compliance-percent,,,{N(m.SlaCompliancePercent)}\n");
        csv.Append($"{m.Month},resolution-hours-p50,,,{N(m.ResolutionHours.P50)}\n");
        csv.Append($"{m.Month},resolution-hours-p90,,,{N(m.ResolutionHours.P90)}\n");
        csv.Append($"{m.Month},satisfaction-count,,,{m.SatisfactionCount}\n");
        csv.Append($"{m.Month},satisfaction-average,,,{N(m.SatisfactionAverage)}\n");
        return csv.ToString();
    }
}

/// <summary>GET /api/incidents/indicators/{month}?format=json|csv (any client: the transparency portal).</summary>
public static partial class IndicatorsEndpoint
{
    [GeneratedRegex("^[0-9]{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthShape();

    public static async Task<IResult> Handle(string month, string? format, IQuerySession session, SlaRulebook rulebook, CancellationToken ct)
    {
        if (!MonthShape().IsMatch(month) || !int.TryParse(month[..4], out var year) || year is < 2000 or > 2199)
            throw Rejection.Invalid("month", "A month is written YYYY-MM, e.g. 2026-11.");
        if (format is not (null or "json" or "csv")) throw Rejection.Invalid("format", "Use json or csv.");
        var zone = rulebook.Calendar(rulebook.Options.Calendar).TimeZone;
        var first = new DateTime(year, int.Parse(month[5..], CultureInfo.InvariantCulture), 1);
        DateTimeOffset Start(DateTime local) => new(local, zone.GetUtcOffset(local));
        var (from, to) = (Start(first), Start(first.AddMonths(1)));
        var views = await session.Query<IncidentView>().Where(i => i.ReportedAt >= from && i.ReportedAt < to).ToListAsync(ct);
        var indicators = IndicatorCalculation.Compute(month,
            views.Select(v => new IndicatorRow(v.Channel, v.Kind, v.ReportedAt, v.Sla, v.ResolvedAt, v.Rating)).ToList());
        return format == "csv" ? TypedResults.Text(IndicatorCalculation.Csv(indicators), "text/csv; charset=utf-8") : TypedResults.Ok(indicators);
    }
}
