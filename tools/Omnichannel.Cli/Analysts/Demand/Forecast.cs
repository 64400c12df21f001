namespace Omnichannel.Cli.Analysts.Demand;

/// <summary>Days that are not ordinary: public holidays and campaign periods (e.g. the tax or registration campaigns
/// of the procedures catalogue), which move demand by a factor learnt from the history.</summary>
public sealed record SpecialDays(IReadOnlySet<DateOnly> Holidays, IReadOnlyList<(DateOnly From, DateOnly To)> Campaigns)
{
    public static SpecialDays None { get; } = new(new HashSet<DateOnly>(), []);
    public bool IsHoliday(DateTime hour) => Holidays.Contains(DateOnly.FromDateTime(hour));
    public bool InCampaign(DateTime hour)
    {
        var day = DateOnly.FromDateTime(hour);
        foreach (var (from, to) in Campaigns) if (day >= from && day <= to) return true;
        return false;
    }
}

/// <summary>Forecast error on held-out weeks: WAPE (Σ|forecast − actual| / Σ actual) of the model and of the naive
/// same-week-last-year baseline on the same hours.</summary>
public sealed record ForecastAccuracy(int HeldOutWeeks, double ModelWape, double NaiveWape, double ModelMae, double NaiveMae);

/// <summary>
/// Expected contacts per hour of one channel. Method: an <b>exponentially weighted seasonal profile</b> — for each
/// weekday × hour (168 cells) the weighted mean of the last <see cref="Weeks"/> ordinary weeks' counts, the most recent
/// week weighing most (weight α(1−α)^age, so the level follows recent growth such as a new kiosk) — times a holiday
/// factor and a campaign factor, each the ratio of what was observed on such days to what the profile expected there.
/// Hours are local (Europe/Madrid) starts of hour. Its error is measured on held-out weeks against the naive forecast
/// "the same hour 52 weeks (364 days) earlier".
/// </summary>
public sealed class SeasonalForecast
{
    public int Weeks { get; }
    public double Alpha { get; }
    private readonly double[,] profile = new double[7, 24];
    public double HolidayFactor { get; private set; } = 1;
    public double CampaignFactor { get; private set; } = 1;
    private readonly SpecialDays special;

    private SeasonalForecast(int weeks, double alpha, SpecialDays special)
    {
        Weeks = weeks;
        Alpha = alpha;
        this.special = special;
    }

    /// <summary>Fits on the hourly counts before <paramref name="end"/> (exclusive, a local start of hour).</summary>
    public static SeasonalForecast Fit(Func<DateTime, double> countAt, DateTime end, SpecialDays special, int weeks = 8, double alpha = 0.3)
    {
        var model = new SeasonalForecast(weeks, alpha, special);
        var sums = new double[7, 24];
        var weights = new double[7, 24];
        for (var age = 0; age < weeks; age++)
        {
            var weight = alpha * Math.Pow(1 - alpha, age);
            var weekStart = end.AddDays(-7 * (age + 1));
            for (var h = 0; h < 168; h++)
            {
                var hour = weekStart.AddHours(h);
                if (special.IsHoliday(hour) || special.InCampaign(hour)) continue;
                var (d, hh) = Cell(hour);
                sums[d, hh] += weight * countAt(hour);
                weights[d, hh] += weight;
            }
        }
        for (var d = 0; d < 7; d++)
            for (var h = 0; h < 24; h++)
                model.profile[d, h] = weights[d, h] > 0 ? sums[d, h] / weights[d, h] : 0;

        // Factors from a year of history: what holidays and campaigns did to the profile's expectation.
        double holidayActual = 0, holidayExpected = 0, campaignActual = 0, campaignExpected = 0;
        for (var hour = end.AddDays(-364); hour < end; hour = hour.AddHours(1))
        {
            var expected = model.Profile(hour);
            if (special.IsHoliday(hour)) { holidayActual += countAt(hour); holidayExpected += expected; }
            else if (special.InCampaign(hour)) { campaignActual += countAt(hour); campaignExpected += expected; }
        }
        if (holidayExpected > 0) model.HolidayFactor = holidayActual / holidayExpected;
        if (campaignExpected > 0) model.CampaignFactor = campaignActual / campaignExpected;
        return model;
    }

    public double Profile(DateTime hour)
    {
        var (d, h) = Cell(hour);
        return profile[d, h];
    }

    public double Expected(DateTime hour) =>
        Profile(hour) * (special.IsHoliday(hour) ? HolidayFactor : 1) * (special.InCampaign(hour) ? CampaignFactor : 1);

    /// <summary>Fits on everything before the last <paramref name="heldOutWeeks"/> weeks of <paramref name="end"/> and
    /// scores both forecasts on those weeks.</summary>
    public static ForecastAccuracy Evaluate(Func<DateTime, double> countAt, DateTime end, SpecialDays special, int heldOutWeeks = 4, int weeks = 8, double alpha = 0.3)
    {
        var start = end.AddDays(-7 * heldOutWeeks);
        var model = Fit(countAt, start, special, weeks, alpha);
        double actual = 0, modelError = 0, naiveError = 0;
        var hours = 0;
        for (var hour = start; hour < end; hour = hour.AddHours(1))
        {
            var y = countAt(hour);
            actual += y;
            modelError += Math.Abs(model.Expected(hour) - y);
            naiveError += Math.Abs(countAt(hour.AddDays(-364)) - y);
            hours++;
        }
        return new ForecastAccuracy(heldOutWeeks,
            actual > 0 ? modelError / actual : 0, actual > 0 ? naiveError / actual : 0,
            hours > 0 ? modelError / hours : 0, hours > 0 ? naiveError / hours : 0);
    }

    private static (int Day, int Hour) Cell(DateTime hour) => ((int)hour.DayOfWeek, hour.Hour);
}
