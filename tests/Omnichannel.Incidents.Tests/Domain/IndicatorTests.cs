using Omnichannel.Incidents.Indicators;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Tests.Domain;

/// <summary>The transparency portal's monthly figures from a known set of incidents.</summary>
public sealed class IndicatorTests
{
    private static readonly DateTimeOffset Reported = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(1));

    private static SlaClock Met(double hours) => new(6, true, TimeSpan.FromHours(hours), null, null, Reported.AddHours(hours), null);
    private static SlaClock Breached(double hours, bool metLater) =>
        new(6, true, TimeSpan.FromHours(hours), null, null, metLater ? Reported.AddDays(2) : null, Reported.AddHours(6));
    private static readonly SlaClock Running = new(6, true, TimeSpan.Zero, Reported, Reported.AddHours(6), null, null);

    [Fact]
    public void A_months_incidents_give_volume_percentiles_compliance_resolution_times_and_satisfaction()
    {
        IndicatorRow[] rows =
        [
            new("email", "complaint", Reported, new IncidentSla(Met(1), null), Reported.AddHours(10), 5),
            new("email", "complaint", Reported, new IncidentSla(Met(2), null), Reported.AddHours(20), 4),
            new("phone", "l1-question", Reported, new IncidentSla(Met(3), null), null, null),
            new("phone", "l1-question", Reported, new IncidentSla(Breached(8, metLater: true), Met(4)), Reported.AddHours(30), 2),
            new("online", "technical-incident", Reported, new IncidentSla(Running, null), null, null),
        ];
        var m = IndicatorCalculation.Compute("2026-11", rows);

        Assert.Equal(5, m.Total);
        Assert.Equal([new VolumeLine("email", "complaint", 2), new VolumeLine("online", "technical-incident", 1), new VolumeLine("phone", "l1-question", 2)], m.Volume);
        // First answers met: 1, 2, 3, 8 working hours → nearest rank p50 = 2, p90 = 8.
        Assert.Equal(new Percentiles(4, 2, 8), m.FirstAnswerWorkingHours);
        // Decided clocks: four first answers (one breached) and one resolution → 4 of 5 in time.
        Assert.Equal((5, 80.0), (m.SlaClocksDecided, m.SlaCompliancePercent));
        Assert.Equal(new Percentiles(3, 20, 30), m.ResolutionHours);
        Assert.Equal((3, 3.67), (m.SatisfactionCount, m.SatisfactionAverage));
    }

    [Fact]
    public void An_empty_month_has_counts_of_zero_and_no_averages()
    {
        var m = IndicatorCalculation.Compute("2026-12", []);
        Assert.Equal((0, 0, (double?)null, (double?)null, (double?)null), (m.Total, m.SatisfactionCount, m.SatisfactionAverage, m.SlaCompliancePercent, m.FirstAnswerWorkingHours.P50));
    }

    [Fact]
    public void The_csv_has_one_line_per_volume_and_per_figure_and_no_personal_field()
    {
        var m = IndicatorCalculation.Compute("2026-11", [new IndicatorRow("email", "complaint", Reported, new IncidentSla(Met(1.5), null), null, 4)]);
        var lines = IndicatorCalculation.Csv(m).TrimEnd('\n').Split('\n');
        Assert.Equal("month,indicator,channel,kind,value", lines[0]);
        Assert.Contains("2026-11,volume,email,complaint,1", lines);
        Assert.Contains("2026-11,first-answer-working-hours-p50,,,1.5", lines);
        Assert.Contains("2026-11,satisfaction-average,,,4", lines);
        Assert.All(lines, l => Assert.Equal(5, l.Split(',').Length));
    }
}
