using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>Federation: the platform's sign-in page offers "Sign in with …" for the council's own OpenID Connect provider
/// (configured, not coded), and the provider's answer becomes a staff session whose role and council come from the
/// provider's claims through the configured mapping. The provider is a real second identity service (ConsolePlatform).</summary>
[Collection(Collections.Staff)]
public sealed class SignInWithCouncilProviderTests(ConsolePlatform platform)
{
    [Fact]
    public async Task A_supervisor_of_the_councils_provider_signs_in_with_its_button_and_gets_the_mapped_role_and_council()
    {
        var (user, password) = await ProviderAccountAsync(StaffRoles.Supervisor);
        var page = await Screens.NewPageAsync(platform);
        await page.GotoAsync(platform.ConsoleUrl + "board");
        await page.WaitForURLAsync("**/account/login**");
        var button = page.Locator($"#external-{ConsolePlatform.ProviderKey}");
        await Assertions.Expect(button).ToHaveTextAsync($"Entra amb {ConsolePlatform.ProviderName}");
        await page.InspectAsync("login-with-council-provider");

        await button.ClickAsync();
        // The provider's own login form, on its own host.
        await page.WaitForURLAsync($"http://localhost:{platform.CouncilProvider.HttpAddress.Port}/account/login**");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");

        // Back in the console, on a supervisor's screen, with Mataró's offices: role and council were mapped.
        await page.WaitForURLAsync($"{platform.ConsoleUrl}board**");
        await page.WaitForInteractiveAsync();
        await page.Locator("section[data-office='connecta-space'] table").WaitForAsync();
        Assert.Equal(1, await page.Locator("nav a[href='board']").CountAsync());

        await using var scope = platform.Identity.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var subject = await ProviderSubjectAsync(user);
        var account = await users.FindByLoginAsync($"external-{ConsolePlatform.ProviderKey}", subject);
        Assert.NotNull(account);
        Assert.Equal((ConsolePlatform.Council, StaffRoles.Supervisor), (account.Council, account.StaffRole));
        Assert.False(await users.HasPasswordAsync(account)); // it signs in at the council's provider only
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_account_of_the_councils_provider_whose_role_is_not_mapped_is_refused_in_the_users_language()
    {
        var (user, password) = await ProviderAccountAsync(StaffRoles.Agent); // only "supervisor" is mapped
        var page = await Screens.NewPageAsync(platform, "es");
        await page.GotoAsync(platform.ConsoleUrl);
        await page.WaitForURLAsync("**/account/login**");
        var button = page.Locator($"#external-{ConsolePlatform.ProviderKey}");
        await Assertions.Expect(button).ToHaveTextAsync($"Entrar con {ConsolePlatform.ProviderName}");
        await button.ClickAsync();
        await page.WaitForURLAsync($"http://localhost:{platform.CouncilProvider.HttpAddress.Port}/account/login**");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");

        var refusal = page.Locator("[role=alert]");
        await Assertions.Expect(refusal).ToContainTextAsync("no tiene ningún rol o ayuntamiento asignado");
        Assert.Contains("/account/external/", page.Url);
        await page.InspectAsync("login-council-provider-refused-es");

        await using var scope = platform.Identity.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        Assert.Null(await users.FindByLoginAsync($"external-{ConsolePlatform.ProviderKey}", await ProviderSubjectAsync(user)));
        await page.Context.CloseAsync();
    }

    /// <summary>An account at the council's provider, in its own council id (mapped to Mataró by configuration).</summary>
    private async Task<(string User, string Password)> ProviderAccountAsync(string role)
    {
        await using var scope = platform.CouncilProvider.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var name = $"ext.{role}.{Guid.NewGuid():N}"[..30];
        var password = $"correct horse {Guid.NewGuid():N}";
        var created = await users.CreateAsync(new StaffAccount { UserName = name, Council = ConsolePlatform.ProviderCouncil, StaffRole = role, LockoutEnabled = true }, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return (name, password);
    }

    /// <summary>The provider's subject for the account: its id there (the "sub" of its tokens).</summary>
    private async Task<string> ProviderSubjectAsync(string user)
    {
        await using var scope = platform.CouncilProvider.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        return (await users.Users.SingleAsync(u => u.UserName == user)).Id;
    }
}
