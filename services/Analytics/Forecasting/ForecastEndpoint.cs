using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Cli.Analysts.Demand;

namespace Omnichannel.Analytics.Forecasting;

public static class ForecastEndpoint
{
    public static async Task<IResult> Handle(string[]? channel, int? weeksAhead, double? serviceLevel, double? answerWithinSeconds, double? targetWaitMinutes,
        AnalyticsDatabase database, TimeProvider clock, CancellationToken ct)
    {
        var channels = channel is { Length: > 0 } ? channel.Distinct().ToArray() : ForecastPlan.DefaultChannels.ToArray();
        foreach (var c in channels)
            if (!ForecastPlan.HandleMinutes.ContainsKey(c))
                throw Rejection.Invalid("channel", $"A demand channel: {string.Join(", ", ForecastPlan.HandleMinutes.Keys)}.");
        var weeks = weeksAhead ?? 1;
        if (weeks is < 1 or > 8) throw Rejection.Invalid("weeksAhead", "From 1 to 8 weeks.");
        var level = serviceLevel ?? 0.8;
        if (level is <= 0 or >= 1) throw Rejection.Invalid("serviceLevel", "A share between 0 and 1, e.g. 0.8.");
        var within = answerWithinSeconds ?? 60;
        if (within is <= 0 or > 3600) throw Rejection.Invalid("answerWithinSeconds", "From 1 to 3600 seconds.");
        var wait = targetWaitMinutes ?? 10;
        if (wait is <= 0 or > 240) throw Rejection.Invalid("targetWaitMinutes", "From 1 to 240 minutes.");
        var special = new SpecialDays(new HashSet<DateOnly>(CatalanHolidays.All), []);
        var queries = new DemandQueries(database.DataSource, RequestContext.RequiredTenantId);
        return TypedResults.Ok(await ForecastPlan.PlanAsync(queries, clock.GetUtcNow(), channels, weeks, special, level, within, wait * 60, null, ct));
    }
}
