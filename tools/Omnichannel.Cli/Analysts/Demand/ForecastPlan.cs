namespace Omnichannel.Cli.Analysts.Demand;

public sealed record ForecastHour(DateTime LocalHour, double ExpectedContacts, int ManagersNeeded);

public sealed record ChannelForecast(string Channel, string Staffing, double HandleMinutes, ForecastAccuracy? HeldOutAccuracy,
    double HolidayFactor, double CampaignFactor, IReadOnlyList<ForecastHour> Hours);

public sealed record DemandForecast(string Method, DateTime FromLocal, int Weeks, IReadOnlyList<ChannelForecast> Channels);

/// <summary>The forecast and staffing plan shared by the CLI's <c>forecast</c> and the staff endpoint: hourly counts
/// from the events, <see cref="SeasonalForecast"/> per channel, managers per hour by <see cref="ErlangC"/>.</summary>
public static class ForecastPlan
{
    public const string Method = "exponentially weighted weekday × hour profile (8 weeks, α 0.3) × holiday and campaign factors; " +
                                 "error: WAPE on the last 4 weeks held out beside the naive same week last year";

    public static readonly IReadOnlyDictionary<string, double> HandleMinutes = new Dictionary<string, double>
    {
        ["phone"] = 4, ["chat-handover"] = 5, ["point0"] = 4, ["general-line"] = 10, ["email"] = 6, ["telegram"] = 3, ["whatsapp"] = 3,
    };

    public static readonly IReadOnlyList<string> DefaultChannels = ["phone", "point0", "general-line", "chat-handover", "email"];
    public static readonly IReadOnlySet<string> ErlangChannels = new HashSet<string> { "phone", "chat-handover" };
    public static readonly IReadOnlySet<string> QueueChannels = new HashSet<string> { "point0", "general-line" };

    public static int Managers(string channel, double contactsPerHour, double handleSeconds, double serviceLevel, double answerWithinSeconds, double targetWaitSeconds) =>
        contactsPerHour <= 0 ? 0
        : ErlangChannels.Contains(channel) ? ErlangC.AgentsNeeded(contactsPerHour, handleSeconds, serviceLevel, answerWithinSeconds)
        : QueueChannels.Contains(channel) ? ErlangC.DesksForAverageWait(contactsPerHour, handleSeconds, targetWaitSeconds)
        : (int)Math.Ceiling(ErlangC.TrafficErlangs(contactsPerHour, handleSeconds));

    public static string StaffingRule(string channel, double serviceLevel, double answerWithinSeconds, double targetWaitSeconds) =>
        ErlangChannels.Contains(channel) ? $"erlang-c: {serviceLevel:P0} answered within {answerWithinSeconds:0} s"
        : QueueChannels.Contains(channel) ? $"erlang-c: average wait within {targetWaitSeconds / 60:0} min"
        : "workload: contacts × handling time";

    /// <summary>Plans the <paramref name="weeks"/> weeks from the Monday of the current week (local time).</summary>
    public static async Task<DemandForecast> PlanAsync(DemandQueries queries, DateTimeOffset now, IReadOnlyList<string> channels, int weeks,
        SpecialDays special, double serviceLevel, double answerWithinSeconds, double targetWaitSeconds, IReadOnlyDictionary<string, double>? handleMinutes, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
        var nowLocal = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var end = nowLocal.Date.AddDays(-(((int)nowLocal.DayOfWeek + 6) % 7));
        var start = end.AddDays(-7 * 57);
        var hourly = await queries.HourlyAsync(new DateTimeOffset(start, zone.GetUtcOffset(start)), new DateTimeOffset(end, zone.GetUtcOffset(end)), ct);
        var result = new List<ChannelForecast>();
        foreach (var channel in channels)
        {
            var counts = hourly.Where(h => h.Channel == channel).ToDictionary(h => h.LocalHour, h => (double)h.Contacts);
            double CountAt(DateTime hour) => counts.GetValueOrDefault(hour);
            var model = SeasonalForecast.Fit(CountAt, end, special);
            var haveYear = counts.Count > 0 && counts.Keys.Min() <= end.AddDays(-7 * 56);
            var accuracy = haveYear ? SeasonalForecast.Evaluate(CountAt, end, special) : null;
            var minutes = handleMinutes?.GetValueOrDefault(channel) is > 0 and var m ? m : HandleMinutes.GetValueOrDefault(channel, 5);
            var hours = new List<ForecastHour>();
            for (var hour = end; hour < end.AddDays(7 * weeks); hour = hour.AddHours(1))
            {
                var expected = model.Expected(hour);
                hours.Add(new ForecastHour(hour, Math.Round(expected, 2), Managers(channel, expected, minutes * 60, serviceLevel, answerWithinSeconds, targetWaitSeconds)));
            }
            result.Add(new ChannelForecast(channel, StaffingRule(channel, serviceLevel, answerWithinSeconds, targetWaitSeconds), minutes, accuracy,
                Math.Round(model.HolidayFactor, 3), Math.Round(model.CampaignFactor, 3), hours));
        }
        return new DemandForecast(Method, end, weeks, result);
    }
}
