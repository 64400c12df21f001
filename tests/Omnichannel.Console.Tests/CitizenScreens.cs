using Microsoft.Playwright;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>The browsers the citizen screens' tests open: a phone for the citizen web, the kiosk's portrait touch
/// screen set up with its device credential.</summary>
internal static class CitizenScreens
{
    /// <summary>A phone-sized touch screen in <paramref name="language"/>, with reduced motion asked for.</summary>
    public static async Task<IPage> PhoneAsync(this ConsolePlatform platform, string language)
    {
        var context = await platform.Browser.NewContextAsync(new()
        {
            Locale = language, ViewportSize = new() { Width = 375, Height = 667 }, IsMobile = true, HasTouch = true,
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A Spanish mobile number nobody else in the run has.</summary>
    public static string NewPhone() => $"6{Random.Shared.Next(10_000_000, 99_999_999)}";

    public static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Nothing wider than the phone: no sideways scrolling at 375 px.</summary>
    public static async Task FitsThePhoneAsync(IPage page, string name)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"{name}: the page is {width} px wide on a 375 px screen");
    }

    /// <summary>The kiosk's portrait touch screen, in Catalan until the citizen chooses.</summary>
    public static async Task<IPage> NewKioskPageAsync(this ConsolePlatform platform)
    {
        var context = await platform.Browser.NewContextAsync(new() { Locale = "ca", HasTouch = true, ViewportSize = new() { Width = 1080, Height = 1400 } });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>The operator's one-time set-up: the device credential, then the kiosk's start screen.</summary>
    public static async Task SetUpKioskAsync(this ConsolePlatform platform, IPage page, string credential)
    {
        await page.GotoAsync(platform.ConsoleUrl + "kiosk/setup");
        await page.WaitForInteractiveAsync();
        await page.FillAsync("#kiosk-credential", credential);
        await page.ClickAsync("#kiosk-setup-save");
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath.EndsWith("/console/kiosk", StringComparison.Ordinal));
        await page.Locator("#kiosk-start").WaitForAsync();
        await page.WaitForInteractiveAsync();
    }
}
