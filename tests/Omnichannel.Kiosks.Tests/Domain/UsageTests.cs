using Omnichannel.Kiosks.Sessions;
using Omnichannel.Kiosks.Usage;

namespace Omnichannel.Kiosks.Tests.Domain;

/// <summary>The usage figures as the seed measures them: per kiosk, office, product and month, and before/after a launch date.</summary>
public sealed class UsageTests
{
    private static SessionRecord Session(string kiosk, string office, DateOnly day, bool assisted = false, params SessionAction[] did) =>
        new(kiosk, office, day, Identified: did.Contains(SessionAction.AppointmentBooked), assisted, did);

    [Fact]
    public void Sessions_are_counted_per_month_office_and_kiosk_with_their_products_and_totals()
    {
        var sessions = new[]
        {
            Session("K1", "connecta", new(2022, 4, 20), false, SessionAction.ProcedureOpened, SessionAction.PagePrinted),
            Session("K1", "connecta", new(2022, 5, 3), true, SessionAction.AppointmentBooked),
            Session("K2", "connecta", new(2022, 5, 4), false, SessionAction.PagePrinted),
            Session("K3", "cirera", new(2022, 5, 5), false, SessionAction.TicketTaken),
        };

        var usage = UsageCalculation.Compute(new(2022, 1, 1), new(2022, 6, 30), null, null, sessions, null);

        Assert.Equal([("2022-04", "K1", 1), ("2022-05", "K3", 1), ("2022-05", "K1", 1), ("2022-05", "K2", 1)],
            usage.Rows.Select(r => (r.Month, r.KioskId, r.Sessions)).ToList());
        var may = usage.Rows.Single(r => r.Month == "2022-05" && r.KioskId == "K1");
        Assert.Equal((1, 1, 1), (may.Identified, may.Assisted, may.Actions));
        Assert.Equal(2, usage.Offices.Single(o => o.Month == "2022-05" && o.OfficeId == "connecta").Sessions);
        Assert.Equal(new ProductCount(SessionAction.PagePrinted, 2), usage.Products[0]);
        Assert.Null(usage.Comparison);
    }

    [Fact]
    public void Use_before_and_after_a_launch_date_is_compared_per_day_and_sessions_outside_the_period_are_left_out()
    {
        var launch = new DateOnly(2022, 5, 2);
        var sessions = new List<SessionRecord> { Session("K1", "connecta", new(2021, 12, 31)) };
        // 1 January – 1 May (121 days): one a day; 2 May – 1 June (31 days): three a day.
        for (var d = new DateOnly(2022, 1, 1); d < launch; d = d.AddDays(1)) sessions.Add(Session("K1", "connecta", d));
        for (var d = launch; d <= new DateOnly(2022, 6, 1); d = d.AddDays(1)) for (var i = 0; i < 3; i++) sessions.Add(Session("K1", "connecta", d));

        var usage = UsageCalculation.Compute(new(2022, 1, 1), new(2022, 6, 1), "connecta", null, sessions, launch);

        var comparison = usage.Comparison!;
        Assert.Equal((121, 31), (comparison.Before.Days, comparison.After.Days));
        Assert.Equal(93, comparison.After.Sessions);
        Assert.Equal(3.0, comparison.After.SessionsPerDay);
        Assert.Equal(3.0, comparison.Ratio);
        Assert.DoesNotContain(usage.Rows, r => r.Month == "2021-12");
    }
}
