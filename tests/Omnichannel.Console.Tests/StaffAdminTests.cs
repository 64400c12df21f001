using Microsoft.Playwright;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>The administrators' staff screen in a real browser: an account made there signs in, and once disabled
/// there it cannot any more; errors are shown next to the field the API names; the screen passes axe in ca, es and en.</summary>
[Collection(Collections.Staff)]
public sealed class StaffAdminTests(ConsolePlatform platform)
{
    [Fact]
    public async Task An_administrator_creates_an_agent_who_signs_in_and_once_disabled_can_no_longer_sign_in()
    {
        var admin = await Screens.NewPageAsync(platform, language: "en");
        await admin.SignInAsync(platform, "mataro.administrator", platform.Passwords["administrator"], "staff-accounts");
        await admin.Locator("#create-staff-account").WaitForAsync();

        // A user name with a space: the identity service names the field, and the screen shows it there.
        await admin.FillAsync("#staff-full-name", "Joana Garcia");
        await admin.FillAsync("#staff-user-name", "joana garcia");
        await admin.ClickAsync("#create-staff-account");
        await admin.Locator("#staff-user-name-error").WaitForAsync();
        Assert.Equal("true", await admin.GetAttributeAsync("#staff-user-name", "aria-invalid"));
        await admin.InspectAsync("staff-accounts-field-error");

        var user = $"mataro.joana.{Guid.NewGuid():N}"[..24];
        await admin.FillAsync("#staff-user-name", user);
        await admin.SelectOptionAsync("#staff-role", "agent");
        await admin.ClickAsync("#create-staff-account");
        var password = (await admin.Locator("#temporary-password").InnerTextAsync()).Trim();
        Assert.Matches("^[a-z2-9]{4}(-[a-z2-9]{4}){3}$", password);
        await admin.Locator($"tr[data-user='{user}']").WaitForAsync();
        await admin.InspectAsync("staff-accounts-created");

        // The temporary password signs in once, to choose the agent's own (the identity service's page), then the console.
        var agent = await Screens.NewPageAsync(platform);
        await agent.GotoAsync(platform.ConsoleUrl);
        await agent.WaitForURLAsync("**/account/login**");
        await agent.FillAsync("#username", user);
        await agent.FillAsync("#password", password);
        await agent.ClickAsync("button[type=submit]");
        await agent.WaitForURLAsync("**/account/new-password**");
        await agent.InspectAsync("staff-new-password");
        password = "Joana's own passphrase";
        await agent.FillAsync("#newPassword", password);
        await agent.FillAsync("#confirmPassword", password);
        await agent.ClickAsync("button[type=submit]");
        await agent.WaitForURLAsync($"{platform.ConsoleUrl}**");
        await agent.WaitForInteractiveAsync();
        Assert.Equal(0, await agent.Locator("nav a[href='staff-accounts']").CountAsync());
        await agent.GotoAsync(platform.ConsoleUrl + "staff-accounts");
        await agent.Locator("#forbidden").WaitForAsync();
        await agent.Context.CloseAsync();

        await admin.ClickAsync($"tr[data-user='{user}'] button.disable");
        await admin.Locator($"tr[data-user='{user}'][data-disabled='true']").WaitForAsync();
        await admin.Locator("#staff-audit tr[data-action='account-disabled']").First.WaitForAsync();
        await admin.InspectAsync("staff-accounts-disabled");
        await admin.Context.CloseAsync();

        var again = await Screens.NewPageAsync(platform);
        await again.GotoAsync(platform.ConsoleUrl);
        await again.WaitForURLAsync("**/account/login**");
        await again.FillAsync("#username", user);
        await again.FillAsync("#password", password);
        var response = await again.RunAndWaitForResponseAsync(() => again.ClickAsync("button[type=submit]"),
            r => r.Url.Contains("/account/login") && r.Request.Method == "POST");
        Assert.Equal(401, response.Status);
        await again.Locator("#error").WaitForAsync();
        Assert.Contains("/account/login", again.Url);
        await again.Context.CloseAsync();
    }

    [Theory]
    [InlineData("ca")]
    [InlineData("es")]
    [InlineData("en")]
    public async Task The_staff_screen_passes_the_accessibility_check_in_each_language(string language)
    {
        var page = await Screens.NewPageAsync(platform, language);
        await page.SignInAsync(platform, "mataro.administrator", platform.Passwords["administrator"], "staff-accounts");
        await page.Locator("#staff-accounts tr[data-user='mataro.administrator']").WaitForAsync();
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(1, await page.Locator("nav a[href='staff-accounts']").CountAsync());
        await page.InspectAsync($"staff-accounts-{language}");
        await page.Context.CloseAsync();
    }
}
