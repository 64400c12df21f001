using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.Cli.Analysts.Demand;

namespace Omnichannel.Analytics;

/// <summary>Staff's analytics: the monthly public indicators (JSON, CSV), the export of their council's events as
/// streamed NDJSON (pseudonymised unless asked otherwise) and the demand forecast with staffing for the demand board.
/// Everything is computed from the event tables, for the council of the caller's token only.</summary>
public static class AnalyticsApi
{
    public static RouteGroupBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/analytics").WithTags("Analytics").RequireAuthorization(OmnichannelRoles.StaffPolicy);

        api.MapGet("/indicators/{month}", Indicators.MonthlyIndicatorsEndpoint.Json).WithName("GetMonthlyIndicators")
            .WithSummary("The council's public indicators of a month (yyyy-MM, local time): contacts per channel, waits and service times, "
                + "chat answer times, incidents within their SLA, satisfaction, kiosk sessions, appointments kept and missed. No personal "
                + "data; a cell on fewer than Analytics:MinCell contacts has a null value and suppressed true (staff).")
            .Produces<IndicatorSet>();
        api.MapGet("/indicators/{month}/csv", Indicators.MonthlyIndicatorsEndpoint.Csv).WithName("GetMonthlyIndicatorsCsv")
            .WithSummary("The same indicators as CSV, one row per figure, for the transparency portal (staff).")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        api.MapGet("/export", Exporting.ExportEndpoint.Handle).WithName("ExportEvents")
            .WithSummary("The council's events as streamed NDJSON (one CloudEvents-style object per line), filtered by service, type, "
                + "append time [from, to) and position (after, upTo: service=N,…). Pseudonymised unless pseudonymise=false: "
                + "citizen ids hashed with a key of this export, identity values and free texts dropped. To go on after a broken "
                + "download, give after = the last line's service=position (staff).")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson");
        api.MapGet("/forecast", Forecasting.ForecastEndpoint.Handle).WithName("GetDemandForecast")
            .WithSummary("Expected contacts per channel and hour of the coming weeks and the Citizen Assistance Managers needed "
                + "(Erlang C for the phone and chat hand-overs, the average-wait target for Point 0 and the general line), "
                + "with the method's error on held-out weeks against the naive same week last year (staff).")
            .Produces<DemandForecast>();
        return api;
    }
}
