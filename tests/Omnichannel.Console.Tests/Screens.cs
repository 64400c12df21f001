using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>What every test does with a page: sign in through the identity service's form, and check a screen —
/// a screenshot for the reviewer and an axe-core run that fails on any WCAG 2.x A/AA violation.</summary>
public static class Screens
{
    /// <summary>Screenshots go to <c>OMNI_CONSOLE_SCREENSHOTS</c>, else <c>tests/Omnichannel.Console.Tests/TestResults/screenshots</c>.</summary>
    public static readonly string Folder = Environment.GetEnvironmentVariable("OMNI_CONSOLE_SCREENSHOTS") is { Length: > 0 } folder
        ? folder : Path.Combine(ProjectFolder(), "TestResults", "screenshots");

    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static async Task<IPage> NewPageAsync(ConsolePlatform platform, string? language = "ca")
    {
        var context = await platform.Browser.NewContextAsync(new() { Locale = language, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens the console, is sent to the identity service's login form, signs in and comes back.</summary>
    public static async Task SignInAsync(this IPage page, ConsolePlatform platform, string user, string password, string path = "")
    {
        try
        {
            await page.GotoAsync(platform.ConsoleUrl + path);
            await page.WaitForURLAsync("**/account/login**");
            await page.FillAsync("#username", user);
            await page.FillAsync("#password", password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync($"{platform.ConsoleUrl}{path}**");
            await page.WaitForInteractiveAsync();
        }
        catch (TimeoutException e)
        {
            // Say where the browser got stuck, and what it shows there.
            var body = await page.ContentAsync();
            throw new TimeoutException($"Signing in as {user} stopped at {page.Url}: {body[..Math.Min(body.Length, 2000)]}", e);
        }
    }

    /// <summary>Waits for the interactive circuit (inputs are disabled until it answers).</summary>
    public static async Task WaitForInteractiveAsync(this IPage page) =>
        await page.WaitForSelectorAsync("main[data-interactive=true]");

    /// <summary>A screenshot named <paramref name="name"/> and an axe-core check of the whole page.</summary>
    public static async Task InspectAsync(this IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}.png"), FullPage = true });
        // axe-core run in the page itself ("legacy" mode) and asked for violations only (the passes are not read): the same
        // rules and the same violations, about three times faster than the default mode, which runs a second context per
        // check to merge per-frame results (our pages have no frames) and carries every passing node across.
#pragma warning disable CS0618 // RunAxeLegacy: marked for removal one day; RunAxe gives the same result, slower
        var result = await page.RunAxeLegacy(options: new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            ResultTypes = [ResultType.Violations],
        });
#pragma warning restore CS0618
        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(violations.Count == 0, $"{name}: {violations.Count} WCAG A/AA violations:\n{string.Join("\n", violations)}");
    }

    private static string ProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Omnichannel.Console.Tests.csproj"))) return dir.FullName;
        return AppContext.BaseDirectory;
    }
}
