using System.Globalization;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Cli.Analysts.Demand;

namespace Omnichannel.Analytics.Indicators;

public static class MonthlyIndicatorsEndpoint
{
    public static async Task<IResult> Json(string month, AnalyticsDatabase database, IOptions<AnalyticsOptions> options, CancellationToken ct) =>
        TypedResults.Ok(await ComputeAsync(month, database, options.Value, ct));

    public static async Task<IResult> Csv(string month, AnalyticsDatabase database, IOptions<AnalyticsOptions> options, CancellationToken ct) =>
        TypedResults.Text((await ComputeAsync(month, database, options.Value, ct)).ToCsv(), "text/csv; charset=utf-8");

    private static Task<IndicatorSet> ComputeAsync(string month, AnalyticsDatabase database, AnalyticsOptions options, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) || first.Year < 2000)
            throw Rejection.Invalid("month", "A month as yyyy-MM, e.g. 2026-10.");
        return new MonthlyIndicators(database.DataSource, RequestContext.RequiredTenantId, Math.Max(1, options.MinCell)).ForMonthAsync(first.Year, first.Month, ct);
    }
}
