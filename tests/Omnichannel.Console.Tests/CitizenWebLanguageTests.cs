using Omnichannel.BuildingBlocks.Codes;
using static Omnichannel.StaffConsole.Tests.CitizenScreens;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>
/// The errors a service writes next to a field reach the citizen in the page's language: the citizen web sends it to
/// the gateway (Accept-Language) and the services write their problems in it (services/BuildingBlocks/Http/ProblemLanguage.cs).
/// </summary>
[Collection(Collections.CitizenWeb)]
public sealed class CitizenWebLanguageTests(ConsolePlatform platform)
{
    private string WebUrl => platform.ConsoleUrl + "web";

    [Fact]
    public async Task On_the_web_in_catalan_a_mistyped_code_and_a_wrong_phone_are_said_in_catalan_next_to_their_field()
    {
        var page = await platform.PhoneAsync("ca");
        await OpenAsync(page, WebUrl + "/track");
        var code = PersonalCode.Appointment.New();
        var typo = code[..^1] + (code[^1] == '0' ? '1' : '0');
        await page.FillAsync("#tracking-code", typo);
        await page.ClickAsync("#track");
        await page.WaitForSelectorAsync("#tracking-code-error");
        Assert.Equal("Aquest codi de cita té un error: els caràcters no concorden entre ells. Reviseu-los un per un i torneu-lo a escriure.",
            (await page.InnerTextAsync("#tracking-code-error")).Trim());
        await page.InspectAsync("web-track-typo-said-in-ca");

        await OpenAsync(page, WebUrl + "/callback");
        await page.FillAsync("#callback-phone", "12");
        await page.ClickAsync("#request-callback");
        await page.WaitForSelectorAsync("#callback-phone-error");
        Assert.StartsWith("No és un número de telèfon", (await page.InnerTextAsync("#callback-phone-error")).Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_the_web_in_spanish_a_mistyped_code_is_said_in_spanish()
    {
        var page = await platform.PhoneAsync("es");
        await OpenAsync(page, WebUrl + "/track");
        var code = PersonalCode.Incident.New();
        await page.FillAsync("#tracking-code", code[..^1] + (code[^1] == '0' ? '1' : '0'));
        await page.ClickAsync("#track");
        await page.WaitForSelectorAsync("#tracking-code-error");
        Assert.StartsWith("Este código de incidencia tiene un error", (await page.InnerTextAsync("#tracking-code-error")).Trim());
        await page.Context.CloseAsync();
    }
}
