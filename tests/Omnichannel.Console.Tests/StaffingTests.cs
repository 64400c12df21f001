using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Omnichannel.Queues;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>The demand board's staffing suggestion when the analysts' forecast exists: past weeks' tickets are in the
/// queues service's event table (as the queues service writes them), the analytics service forecasts from them, and the
/// supervisor's board shows the people needed in the coming hours.</summary>
[Collection(Collections.Counters)]
public sealed class StaffingTests(ConsolePlatform platform)
{
    private const string HistoryOffice = "staffing-history";
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    [Fact]
    public async Task A_supervisor_sees_the_staffing_suggestion_of_the_forecast_on_the_demand_board()
    {
        // Four past weeks of Point 0 walk-ins at the hours the board shows (this hour and the next seven, same weekday).
        var nowLocal = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Madrid).DateTime;
        var thisHour = new DateTime(nowLocal.Year, nowLocal.Month, nowLocal.Day, nowLocal.Hour, 0, 0);
        var store = platform.QueuesServices.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession(ConsolePlatform.Council))
        {
            for (var week = 1; week <= 4; week++)
                foreach (var hours in Enumerable.Range(0, 8).Select(h => thisHour.AddDays(-7 * week).AddHours(h)).GroupBy(h => DateOnly.FromDateTime(h)))
                {
                    var events = hours.SelectMany(hour => Enumerable.Range(0, 10).Select(i =>
                    {
                        var at = new DateTimeOffset(hour.AddMinutes(i * 5), Madrid.GetUtcOffset(hour));
                        return (object)new TicketIssued(Guid.NewGuid(), HistoryOffice, hours.Key, $"P-{hour.Hour:00}{i}", "point0", "census-certificate", 5,
                            null, "kiosk", false, null, null, 0, at);
                    })).ToArray();
                    session.Events.Append(OfficeDay.StreamKey(HistoryOffice, hours.Key), events);
                }
            await session.SaveChangesAsync();
        }

        // What the analytics service forecasts for this hour, through the gateway as the console reads it.
        var forecast = await platform.AsStaff().GetFromJsonAsync<JsonElement>("/api/analytics/forecast?channel=point0&channel=general-line&weeksAhead=1");
        var point0 = forecast.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "point0");
        var needed = point0.GetProperty("hours").EnumerateArray()
            .Single(h => h.GetProperty("localHour").GetDateTime() == thisHour).GetProperty("managersNeeded").GetInt32();
        Assert.True(needed > 0, $"the forecast asks for {needed} people at Point 0 this hour");

        var page = await Screens.NewPageAsync(platform);
        await page.SignInAsync(platform, "mataro.supervisor", platform.Passwords["supervisor"], "board");
        var row = page.Locator("#staffing tr[data-channel='point0']");
        await row.WaitForAsync();
        Assert.Equal(0, await page.Locator("#no-forecast").CountAsync());
        // The first column is this hour (Europe/Madrid), then the next seven.
        await Assertions.Expect(page.Locator("#staffing thead th").Nth(1)).ToHaveTextAsync(thisHour.ToString("HH:mm", CultureInfo.InvariantCulture));
        await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync($"{needed}");
        Assert.Equal(8, await row.Locator("td").CountAsync());
        await Assertions.Expect(page.Locator("#staffing tr[data-channel='general-line']")).ToHaveCountAsync(1);
        await page.InspectAsync("demand-board-staffing");
        await page.Context.CloseAsync();
    }
}
