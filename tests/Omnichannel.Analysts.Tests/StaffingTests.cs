using Omnichannel.Cli.Analysts.Demand;

namespace Omnichannel.Analysts.Tests;

public sealed class StaffingTests
{
    // Worked example of Westbay Engineers, "The Erlang-C Formula" (westbay.ndirect.co.uk/erlang.htm, also quoted in
    // many call-centre texts): 360 calls per half hour, average duration 4 minutes, 55 agents, target answer time 15 s.
    // Published: traffic intensity 48 erlangs, occupancy 87 %, probability of waiting 24 %, average speed of answer
    // 8.2 s, service level 85 % (answered within 15 s).
    [Fact]
    public void Erlang_c_reproduces_the_westbay_worked_example()
    {
        var traffic = ErlangC.TrafficErlangs(contactsPerHour: 720, handleSeconds: 240);
        Assert.Equal(48, traffic, 9);
        Assert.Equal(0.87, traffic / 55, 2);
        Assert.Equal(0.24, ErlangC.ProbabilityOfWaiting(55, traffic), 2);
        Assert.Equal(8.2, ErlangC.AverageSpeedOfAnswer(55, traffic, 240), 1);
        Assert.Equal(0.85, ErlangC.ServiceLevel(55, traffic, 240, 15), 2);
    }

    // The textbook M/M/c exercise (a call every minute on average, 3 minutes of service, 5 agents): the share of callers
    // who do not wait is 1 − C(5, 3) = 76.4 % (Erlang C with A = 3 erlangs).
    [Fact]
    public void Erlang_c_gives_the_textbook_share_answered_at_once()
    {
        Assert.Equal(0.764, 1 - ErlangC.ProbabilityOfWaiting(5, ErlangC.TrafficErlangs(60, 180)), 3);
    }

    [Fact]
    public void Agents_needed_is_the_fewest_meeting_the_service_level()
    {
        // Same traffic: 80 % within 15 s needs 55 agents (72.5 % with 53, 79.3 % with 54, 84.6 % with 55).
        var needed = ErlangC.AgentsNeeded(720, 240, 0.80, 15);
        Assert.Equal(55, needed);
        Assert.True(ErlangC.ServiceLevel(needed - 1, 48, 240, 15) < 0.80);
        // 80 % within 60 s, as the council's phone target
        var phone = ErlangC.AgentsNeeded(720, 240, 0.80, 60);
        Assert.True(ErlangC.ServiceLevel(phone, 48, 240, 60) >= 0.80);
        Assert.True(ErlangC.ServiceLevel(phone - 1, 48, 240, 60) < 0.80);
        Assert.Equal(0, ErlangC.AgentsNeeded(0, 240, 0.8, 60));
    }

    [Fact]
    public void Desks_for_a_target_wait_keep_the_average_wait_within_it()
    {
        var desks = ErlangC.DesksForAverageWait(contactsPerHour: 40, handleSeconds: 600, targetWaitSeconds: 300);
        Assert.True(ErlangC.AverageSpeedOfAnswer(desks, ErlangC.TrafficErlangs(40, 600), 600) <= 300);
        Assert.True(ErlangC.AverageSpeedOfAnswer(desks - 1, ErlangC.TrafficErlangs(40, 600), 600) > 300);
    }
}

public sealed class ForecastTests
{
    /// <summary>A synthetic year and a quarter of hourly phone contacts with known seasonality: office hours on weekdays
    /// (Monday busiest, a mid-morning peak), growth of 30 % over the year, Poisson noise, holidays with almost no
    /// contacts and a campaign fortnight with 60 % more.</summary>
    private static (Dictionary<DateTime, double> Counts, DateTime End, SpecialDays Special) SyntheticHistory()
    {
        var random = new Random(16);
        var start = new DateTime(2025, 1, 6); // a Monday
        var end = start.AddDays(7 * 66);
        var holidays = new HashSet<DateOnly>
        {
            new(2025, 1, 6), new(2025, 4, 18), new(2025, 4, 21), new(2025, 5, 1), new(2025, 6, 24), new(2025, 8, 15), new(2025, 9, 11),
            new(2025, 10, 13), new(2025, 12, 8), new(2025, 12, 25), new(2025, 12, 26), new(2026, 1, 1), new(2026, 1, 6), new(2026, 4, 3), new(2026, 4, 6),
        };
        var campaigns = new List<(DateOnly, DateOnly)> { (new(2025, 5, 5), new(2025, 5, 16)), (new(2026, 3, 2), new(2026, 3, 13)) };
        var special = new SpecialDays(holidays, campaigns);
        double[] weekday = [0, 1.4, 1.1, 1.0, 1.0, 0.8, 0]; // Sunday..Saturday
        var counts = new Dictionary<DateTime, double>();
        for (var hour = start; hour < end; hour = hour.AddHours(1))
        {
            var open = hour.Hour is >= 9 and < 14 || hour.Hour is >= 16 and < 19 && hour.DayOfWeek != DayOfWeek.Friday;
            var shape = open ? 12 * weekday[(int)hour.DayOfWeek] * (hour.Hour is 10 or 11 ? 1.5 : 1) : 0;
            var growth = 1 + 0.3 * (hour - start).TotalDays / 365;
            var mean = shape * growth * (special.IsHoliday(hour) ? 0.05 : 1) * (special.InCampaign(hour) ? 1.6 : 1);
            counts[hour] = Poisson(random, mean);
        }
        return (counts, end, special);
    }

    private static double Poisson(Random random, double mean)
    {
        if (mean <= 0) return 0;
        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do { k++; p *= random.NextDouble(); } while (p > l);
        return k - 1;
    }

    [Fact]
    public void The_forecast_beats_the_naive_same_week_last_year_on_held_out_weeks()
    {
        var (counts, end, special) = SyntheticHistory();
        var accuracy = SeasonalForecast.Evaluate(h => counts.GetValueOrDefault(h), end, special, heldOutWeeks: 4);
        Assert.True(accuracy.ModelWape < accuracy.NaiveWape,
            $"model WAPE {accuracy.ModelWape:P1} should beat the naive {accuracy.NaiveWape:P1}");
        Assert.True(accuracy.ModelWape < 0.25, $"model WAPE {accuracy.ModelWape:P1}");
    }

    [Fact]
    public void The_forecast_learns_the_weekly_shape_holidays_and_campaigns()
    {
        var (counts, end, special) = SyntheticHistory();
        var model = SeasonalForecast.Fit(h => counts.GetValueOrDefault(h), end, special);
        var monday = end.AddDays(7).Date.AddHours(10); // `end` is a Monday
        Assert.Equal(DayOfWeek.Monday, monday.DayOfWeek);
        Assert.True(model.Expected(monday) > model.Expected(monday.AddDays(4)), "Monday busier than Friday");
        Assert.Equal(0, model.Expected(monday.AddDays(-1)));
        Assert.Equal(0, model.Expected(monday.AddHours(-7)));
        Assert.InRange(model.HolidayFactor, 0, 0.2);
        Assert.InRange(model.CampaignFactor, 1.3, 1.9);
    }
}
