using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>The supervisor's demand board follows queues' push (its staff feed of board changes), not a timer: the
/// console's slow re-read is set to an hour in these tests (ConsolePlatform), so a board that changes was told to.</summary>
[Collection(Collections.QueuesRestarts)]
public sealed class BoardPushTests(ConsolePlatform platform)
{
    private const string Office = "connecta-space";

    private async Task<IPage> OpenBoardAsync(string language = "ca")
    {
        await platform.DuringOpeningHoursAsync(Office);
        var page = await Screens.NewPageAsync(platform, language);
        await page.SignInAsync(platform, "mataro.supervisor", platform.Passwords["supervisor"], "board");
        await page.Locator($"section[data-office='{Office}'] table").WaitForAsync();
        await page.Locator("#board-feed[data-state='live']").WaitForAsync(new() { Timeout = 30_000 });
        return page;
    }

    private async Task<JsonElement> BoardAsync() =>
        await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/queues/offices/{Office}/board");

    private static int WaitingIn(JsonElement board, string line) =>
        board.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("line").GetString() == line).GetProperty("waiting").GetInt32();

    private async Task<string> IssueAsync()
    {
        var issued = await platform.AsChannelApp().PostAsJsonAsync($"/api/queues/offices/{Office}/tickets",
            new { procedureCode = "census-certificate", channel = "kiosk" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("line").GetString()!;
    }

    [Fact]
    public async Task The_demand_board_shows_a_desk_opening_and_its_call_from_the_push_without_re_reading_on_a_timer()
    {
        var page = await OpenBoardAsync();
        var section = page.Locator($"section[data-office='{Office}']");
        var line = await IssueAsync();
        await Assertions.Expect(section.Locator($"tr[data-line='{line}'] td.waiting")).ToHaveTextAsync($"{WaitingIn(await BoardAsync(), line)}", new() { Timeout = 15_000 });

        // A desk opens on that line: the office's open desks go up.
        var desk = $"b{Guid.NewGuid():N}"[..8];
        (await platform.AsStaff().PutAsJsonAsync($"/api/queues/offices/{Office}/desks/{desk}", new { lines = new[] { line } })).EnsureSuccessStatusCode();
        var opened = await BoardAsync();
        await Assertions.Expect(section.Locator(".desks-open")).ToHaveTextAsync($"{opened.GetProperty("desksOpen").GetInt32()}", new() { Timeout = 15_000 });

        // It calls: one fewer waits on the line.
        (await platform.AsStaff().PostAsync($"/api/queues/offices/{Office}/desks/{desk}/call-next", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(section.Locator($"tr[data-line='{line}'] td.waiting")).ToHaveTextAsync($"{WaitingIn(await BoardAsync(), line)}", new() { Timeout = 15_000 });
        await page.InspectAsync("demand-board-push");

        // A desk with a called ticket cannot close (409): the ticket is marked a no-show first.
        (await platform.AsStaff().PostAsync($"/api/queues/offices/{Office}/desks/{desk}/no-show", null)).EnsureSuccessStatusCode();
        (await platform.AsStaff().DeleteAsync($"/api/queues/offices/{Office}/desks/{desk}")).EnsureSuccessStatusCode();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_demand_board_says_it_is_reconnecting_while_the_queues_service_restarts_and_follows_the_push_again_after()
    {
        var page = await OpenBoardAsync("en");

        await platform.RestartQueuesAsync(whileStopped: async () =>
        {
            await page.Locator("#board-feed[data-state='reconnecting']").WaitForAsync(new() { Timeout = 60_000 });
            Assert.Contains("Reconnecting", await page.Locator("#board-feed").InnerTextAsync());
            await page.InspectAsync("demand-board-reconnecting-en");
        });

        await page.Locator("#board-feed[data-state='live']").WaitForAsync(new() { Timeout = 60_000 });
        await platform.DuringOpeningHoursAsync(Office);
        var line = await IssueAsync();
        await Assertions.Expect(page.Locator($"section[data-office='{Office}'] tr[data-line='{line}'] td.waiting"))
            .ToHaveTextAsync($"{WaitingIn(await BoardAsync(), line)}", new() { Timeout = 15_000 });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_board_changes_feed_is_for_staff_only()
    {
        using var app = platform.AsChannelApp();
        Assert.Equal(HttpStatusCode.Forbidden,
            (await app.GetAsync($"/api/queues/offices/{Office}/board/changes", HttpCompletionOption.ResponseHeadersRead)).StatusCode);
        using var staff = platform.AsStaff();
        Assert.Equal(HttpStatusCode.NotFound,
            (await staff.GetAsync("/api/queues/offices/no-such-office/board/changes", HttpCompletionOption.ResponseHeadersRead)).StatusCode);
    }
}
