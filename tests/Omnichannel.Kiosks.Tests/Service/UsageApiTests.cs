using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Omnichannel.Kiosks.Tests.Service;

/// <summary>GET /api/kiosks/usage over HTTP on the real service: sessions that ended at two kiosks of an office, counted
/// per month, office and kiosk with their products, before and after a launch date, and its bad input named.</summary>
public sealed class UsageApiTests(KiosksHost host) : IClassFixture<KiosksHost>
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    /// <summary>A Madrid wall-clock time in 2027 (1 March 2027 is a Monday).</summary>
    private static DateTimeOffset Local(int month, int day, int hour = 10)
    {
        var local = new DateTime(2027, month, day, hour, 0, 0);
        return new DateTimeOffset(local, Madrid.GetUtcOffset(local));
    }

    /// <summary>A whole session at the kiosk at that moment: started, its actions, ended and its wipe acknowledged.</summary>
    private async Task SessionAsync(HttpClient kiosk, string kioskId, DateTimeOffset at, params string[] actions)
    {
        host.Clock.MoveTo(at);
        var started = await kiosk.PostAsJsonAsync($"/api/kiosks/{kioskId}/sessions", new { identification = "anonymous" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var session = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetGuid();
        foreach (var action in actions)
            Assert.Equal(HttpStatusCode.NoContent, (await kiosk.PostAsJsonAsync($"/api/kiosks/{kioskId}/sessions/{session}/actions",
                new { action, reference = "census-certificate" })).StatusCode);
        var end = await (await kiosk.PostAsync($"/api/kiosks/{kioskId}/sessions/{session}/end", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.NoContent, (await kiosk.PostAsync(end.GetProperty("acknowledge").GetString(), null)).StatusCode);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Staff_read_sessions_per_month_office_and_kiosk_with_products_and_the_use_before_and_after_a_launch()
    {
        var office = await host.RegisterOfficeAsync();
        var (a, b) = (await host.EnrolAsync(office, "touchscreen", "printer"), await host.EnrolAsync(office, "touchscreen"));
        var (kioskA, kioskB) = (host.As(await host.TokenAsync(a.Credential)), host.As(await host.TokenAsync(b.Credential)));

        // Before the launch on Thursday 4 March: one session in three days. After: three in three days, and one in April.
        await SessionAsync(kioskA, a.KioskId, Local(3, 2), "procedure-opened");
        await SessionAsync(kioskA, a.KioskId, Local(3, 4), "procedure-opened", "page-printed");
        await SessionAsync(kioskB, b.KioskId, Local(3, 5), "procedure-opened");
        await SessionAsync(kioskB, b.KioskId, Local(3, 6));
        await SessionAsync(kioskA, a.KioskId, Local(4, 1), "page-printed");

        var staff = host.AsStaff();
        var march = await staff.GetFromJsonAsync<JsonElement>($"/api/kiosks/usage?from=2027-03-01&to=2027-03-06&officeId={office}&compareAt=2027-03-04");
        var rows = march.GetProperty("rows").EnumerateArray().ToList();
        // Rows come in month, office and kiosk id order; the two kiosks' ids are random.
        Assert.Equal(new (string?, string?, int, int)[] { ("2027-03", a.KioskId, 2, 3), ("2027-03", b.KioskId, 2, 1) }.OrderBy(r => r.Item2, StringComparer.Ordinal), rows.Select(r =>
            (r.GetProperty("month").GetString(), r.GetProperty("kioskId").GetString(), r.GetProperty("sessions").GetInt32(), r.GetProperty("actions").GetInt32())));
        Assert.All(rows, r => Assert.Equal(office, r.GetProperty("officeId").GetString()));
        Assert.Equal([("procedure-opened", 2), ("page-printed", 1)], rows.Single(r => r.GetProperty("kioskId").GetString() == a.KioskId).GetProperty("products").EnumerateArray()
            .Select(p => (p.GetProperty("product").GetString(), p.GetProperty("count").GetInt32())));
        var total = Assert.Single(march.GetProperty("offices").EnumerateArray());
        Assert.Equal((4, 4), (total.GetProperty("sessions").GetInt32(), total.GetProperty("actions").GetInt32()));

        var comparison = march.GetProperty("comparison");
        Assert.Equal((3, 1), (comparison.GetProperty("before").GetProperty("days").GetInt32(), comparison.GetProperty("before").GetProperty("sessions").GetInt32()));
        Assert.Equal((3, 3), (comparison.GetProperty("after").GetProperty("days").GetInt32(), comparison.GetProperty("after").GetProperty("sessions").GetInt32()));
        Assert.Equal(3.03, comparison.GetProperty("ratio").GetDouble()); // 1 a day after over 0.33 a day before: tripled

        // Two months, one kiosk: April counts on its own line, the other kiosk is left out.
        var spring = await staff.GetFromJsonAsync<JsonElement>($"/api/kiosks/usage?from=2027-03-01&to=2027-04-30&kioskId={a.KioskId}");
        Assert.Equal([("2027-03", 2), ("2027-04", 1)], spring.GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("month").GetString(), r.GetProperty("sessions").GetInt32())));
        Assert.Equal(JsonValueKind.Null, spring.GetProperty("comparison").ValueKind);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_a_launch_outside_it_or_a_mistyped_kiosk_is_a_400_naming_it_and_a_kiosk_may_not_read_usage()
    {
        var staff = host.AsStaff();
        Assert.True((await ProblemAsync(await staff.GetAsync("/api/kiosks/usage?from=2027-03-06&to=2027-03-01"))).GetProperty("errors").TryGetProperty("to", out _));
        Assert.True((await ProblemAsync(await staff.GetAsync("/api/kiosks/usage?from=2027-03-01&to=2027-03-06&compareAt=2027-05-01")))
            .GetProperty("errors").TryGetProperty("compareAt", out _));
        Assert.True((await ProblemAsync(await staff.GetAsync("/api/kiosks/usage?kioskId=not-a-kiosk"))).GetProperty("errors").TryGetProperty("kioskId", out _));

        var office = await host.RegisterOfficeAsync();
        var kiosk = await host.EnrolAsync(office, "touchscreen");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.As(await host.TokenAsync(kiosk.Credential)).GetAsync("/api/kiosks/usage")).StatusCode);
    }
}
