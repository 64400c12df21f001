using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Omnichannel.Testing;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>The staff console in a real browser against the real platform: sign-in through the identity service,
/// the desk and welcome-desk visit, the phone agent's callbacks, the supervisor's live board, refusals, the role
/// boundary and the language choice. Every screen is photographed and checked by axe-core (WCAG 2.x A/AA).</summary>
[Collection(Collections.Counters)]
public sealed class ConsoleTests(ConsolePlatform platform)
{
    private const string Office = "connecta-space"; // appointments' demo office, whose lines queues configure on hearing of it

    [Fact]
    public async Task An_agent_issues_a_ticket_at_the_welcome_desk_calls_and_serves_it_at_a_desk_and_sees_it_in_the_citizens_history()
    {
        await platform.DuringOpeningHoursAsync(Office);
        var page = await Screens.NewPageAsync(platform);
        await page.SignInAsync(platform, "mataro.agent", platform.Passwords["agent"]);
        await page.InspectAsync("home-agent");

        // Welcome desk: find the need in any language, issue the ticket for a citizen known by phone.
        await page.GotoAsync(platform.ConsoleUrl + "welcome");
        await page.WaitForInteractiveAsync();
        await page.FillAsync("#procedure-search", "padro");
        await page.ClickAsync("#search");
        await page.ClickAsync("button[data-code='census-certificate']");
        await page.SelectOptionAsync("#office", Office);
        var phone = $"6{Random.Shared.Next(10_000_000, 99_999_999)}";
        await page.FillAsync("#citizen-phone", phone);
        await page.ClickAsync("#issue-ticket");
        var number = (await page.Locator("#issued-number").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z]+-[0-9]{3}$", number);
        await page.InspectAsync("welcome-desk");

        // Desk: open it on every line, call until this ticket comes (other tests' tickets may wait too), serve it.
        await page.GotoAsync(platform.ConsoleUrl + "desk");
        await page.WaitForInteractiveAsync();
        await page.SelectOptionAsync("#office", Office);
        await page.FillAsync("#desk-id", $"d{Guid.NewGuid():N}"[..8]);
        foreach (var line in await page.Locator("fieldset input[type=checkbox]").AllAsync()) await line.CheckAsync();
        await page.ClickAsync("#open-desk");
        await page.Locator("#call-next").WaitForAsync();
        await page.InspectAsync("desk-open");
        for (var calls = 0; ; calls++)
        {
            Assert.True(calls < 20, $"ticket {number} never called");
            await page.ClickAsync("#call-next");
            var called = page.Locator("#ticket-number");
            await called.WaitForAsync();
            if ((await called.InnerTextAsync()).Trim() == number) break;
            await page.ClickAsync("#no-show");
            await page.Locator("#ticket-number").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        }
        await page.Locator("#history-desk li[data-kind='ticket-called']").WaitForAsync();
        await page.InspectAsync("desk-calling");
        await page.ClickAsync("#start");
        await page.ClickAsync("#complete");
        await page.Locator("#ticket-number").WaitForAsync(new() { State = WaitForSelectorState.Detached });

        // The visit joins the citizen's one history, beside the desk and from the citizen search.
        await page.Locator("#history-desk li[data-kind='ticket-served']").WaitForAsync();
        await page.GotoAsync(platform.ConsoleUrl + "citizen");
        await page.WaitForInteractiveAsync();
        await page.SelectOptionAsync("#identity-kind", "phone");
        await page.FillAsync("#identity-value", phone);
        await page.ClickAsync("#find");
        var served = page.Locator("#history-search li[data-kind='ticket-served']");
        await served.WaitForAsync();
        Assert.Contains(number, await page.Locator("#history-search").InnerTextAsync());
        await page.InspectAsync("citizen-history");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_error_the_api_names_a_field_for_is_shown_next_to_that_field()
    {
        var page = await Screens.NewPageAsync(platform);
        await page.SignInAsync(platform, "mataro.agent", platform.Passwords["agent"], "citizen");
        await page.SelectOptionAsync("#identity-kind", "email");
        await page.FillAsync("#identity-value", "not an e-mail");
        await page.ClickAsync("#find");
        await page.Locator("#identity-value-error").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#identity-value", "aria-invalid"));
        await page.InspectAsync("citizen-field-error");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_phone_agent_marks_a_callback_done_and_starts_a_case_on_the_citizens_behalf()
    {
        var citizen = await RegisterCitizenAsync();
        var day = PhoneDays.Next();
        var reached = await AskForCallbackAsync(citizen, PhoneDays.At(day, 10, 0), "certificat");
        var other = await AskForCallbackAsync(citizen, PhoneDays.At(day, 11, 0), "padró");

        var page = await Screens.NewPageAsync(platform);
        await page.SignInAsync(platform, "mataro.agent", platform.Passwords["agent"], "phone");
        await page.FillAsync("#callback-day", day.ToString("yyyy-MM-dd"));
        await page.ClickAsync("#show-day");
        var row = page.Locator($"tr[data-callback='{reached}']");
        await row.WaitForAsync();
        await row.Locator("button.done").ClickAsync();
        await Eventually.Until(async () => await row.Locator("button.done").CountAsync(), n => n == 0, what: "the callback marked done");
        var list = await platform.AsStaff().GetFromJsonAsync<List<JsonElement>>($"/api/appointments/callbacks?date={day:yyyy-MM-dd}");
        Assert.Equal("done", list!.Single(c => c.GetProperty("callbackId").GetGuid() == reached).GetProperty("outcome").GetString());

        await page.Locator($"tr[data-callback='{other}'] button.secondary:not(.failed)").ClickAsync();
        await page.FillAsync("#case-procedure", "census-history-certificate"); // one the phone service offers
        await page.ClickAsync("#start-case");
        var started = page.Locator("#case-started");
        await started.WaitForAsync();
        Assert.Matches("T[0-9A-Z]{5}-[0-9A-Z]{5}", await started.InnerTextAsync()); // the personal code of the shared scheme
        await page.Locator("#history-phone li[data-kind='case-submitted']").WaitForAsync();
        await page.InspectAsync("phone-agent");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_supervisor_sees_the_demand_board_change_live_when_a_ticket_is_issued()
    {
        await platform.DuringOpeningHoursAsync(Office);
        var page = await Screens.NewPageAsync(platform);
        await page.SignInAsync(platform, "mataro.supervisor", platform.Passwords["supervisor"], "board");
        await page.Locator($"section[data-office='{Office}'] table").WaitForAsync();
        await page.InspectAsync("demand-board");

        var issued = await platform.AsChannelApp().PostAsJsonAsync($"/api/queues/offices/{Office}/tickets",
            new { procedureCode = "census-certificate", channel = "kiosk" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var ticket = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var line = ticket.GetProperty("line").GetString();
        var board = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/queues/offices/{Office}/board");
        var waiting = board.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("line").GetString() == line).GetProperty("waiting").GetInt32();

        // No reload: the circuit renders what the board now says.
        var cell = page.Locator($"section[data-office='{Office}'] tr[data-line='{line}'] td.waiting");
        await Assertions.Expect(cell).ToHaveTextAsync($"{waiting}", new() { Timeout = 15_000 });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_login_form_and_signs_no_one_in()
    {
        var page = await Screens.NewPageAsync(platform);
        await page.GotoAsync(platform.ConsoleUrl);
        await page.WaitForURLAsync("**/account/login**");
        await page.FillAsync("#username", "mataro.agent");
        await page.FillAsync("#password", "not the password at all");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Url.Contains("/account/login") && r.Request.Method == "POST");
        Assert.Equal(401, response.Status);
        await page.Locator("#error").WaitForAsync();
        Assert.Contains("/account/login", page.Url);
        await page.InspectAsync("login-wrong-password");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_locked_account_is_refused_even_with_the_right_password()
    {
        var (user, password) = await platform.NewStaffAsync("agent");
        var page = await Screens.NewPageAsync(platform);
        await page.GotoAsync(platform.ConsoleUrl);
        await page.WaitForURLAsync("**/account/login**");
        for (var i = 0; i < ConsolePlatform.MaxFailedAttempts; i++)
        {
            await page.FillAsync("#username", user);
            await page.FillAsync("#password", "wrong " + i);
            await page.ClickAsync("button[type=submit]");
            await page.Locator("#error").WaitForAsync();
        }
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Url.Contains("/account/login") && r.Request.Method == "POST");
        Assert.Equal(423, response.Status);
        await page.InspectAsync("login-locked");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_agent_cannot_reach_the_administrators_screens_and_an_administrator_can()
    {
        var agent = await Screens.NewPageAsync(platform);
        await agent.SignInAsync(platform, "mataro.agent", platform.Passwords["agent"]);
        Assert.Equal(0, await agent.Locator("nav a[href='administration']").CountAsync());
        Assert.Equal(0, await agent.Locator("nav a[href='board']").CountAsync());
        await agent.GotoAsync(platform.ConsoleUrl + "administration");
        await agent.Locator("#forbidden").WaitForAsync();
        Assert.Equal(0, await agent.Locator("#declare-closure").CountAsync());
        await agent.InspectAsync("forbidden-agent");
        await agent.Context.CloseAsync();

        var administrator = await Screens.NewPageAsync(platform);
        await administrator.SignInAsync(platform, "mataro.administrator", platform.Passwords["administrator"], "administration");
        await administrator.Locator("#declare-closure").WaitForAsync();
        await administrator.FillAsync("#closure-reason", "x");
        await administrator.FillAsync("#closure-date", "2000-01-01"); // in the past: the API names the date
        await administrator.ClickAsync("#declare-closure");
        await administrator.Locator("#closure-date-error").WaitForAsync();
        await administrator.InspectAsync("administration");
        await administrator.Context.CloseAsync();
    }

    [Fact]
    public async Task The_language_a_member_of_staff_chooses_is_kept_for_their_next_sign_in()
    {
        var (user, password) = await platform.NewStaffAsync("supervisor");
        var page = await Screens.NewPageAsync(platform, language: "ca");
        await page.SignInAsync(platform, user, password);
        Assert.Equal("ca", await page.GetAttributeAsync("html", "lang"));
        await page.SelectOptionAsync("#language-choice", "en");
        await page.ClickAsync("#language-change");
        await page.Locator("html[lang='en']").WaitForAsync();
        Assert.Equal("Home", (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.WaitForInteractiveAsync();
        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync("**/console/signed-out");
        await page.InspectAsync("signed-out");
        await page.Context.CloseAsync();

        // Another browser (Spanish by its settings): the saved choice wins.
        var again = await Screens.NewPageAsync(platform, language: "es");
        await again.SignInAsync(platform, user, password);
        Assert.Equal("en", await again.GetAttributeAsync("html", "lang"));
        await again.InspectAsync("home-english");
        await again.Context.CloseAsync();
    }

    private async Task<Guid> RegisterCitizenAsync()
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/citizens", new { preferredLanguage = "ca", channel = "phone", phone = $"6{Random.Shared.Next(10_000_000, 99_999_999)}" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
    }

    private async Task<Guid> AskForCallbackAsync(Guid citizen, DateTimeOffset callAt, string topic)
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/appointments/callbacks",
            new { citizenId = citizen, callAt, procedureCode = "census-certificate", topic, channel = "phone" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("callbackId").GetGuid();
    }
}
