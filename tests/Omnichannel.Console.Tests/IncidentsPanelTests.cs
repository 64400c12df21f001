using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>The incidents inbox: soonest SLA due first; an agent takes one, the API's refusal of an empty answer is
/// shown next to the text, and the answer sent moves it on.</summary>
[Collection(Collections.Staff)]
public sealed class IncidentsPanelTests(ConsolePlatform platform)
{
    [Fact]
    public async Task An_agent_takes_an_incident_from_the_inbox_sorted_by_sla_due_time_and_answers_it()
    {
        var citizen = await RegisterCitizenAsync();
        var first = await ReportAsync(citizen, "Quins papers cal per al padró?");
        var second = await ReportAsync(citizen, "On puc recollir el certificat?");

        var page = await Screens.NewPageAsync(platform);
        await page.SignInAsync(platform, "mataro.agent", platform.Passwords["agent"], "incidents");
        await page.SelectOptionAsync("#incident-kind-filter", "l1-question");
        await page.ClickAsync("#filter-incidents");
        var row = page.Locator($"tr[data-incident='{second}']");
        await row.WaitForAsync();
        await page.Locator($"tr[data-incident='{first}']").WaitForAsync();
        var dues = await page.Locator("#incident-inbox tbody tr td:first-child time").EvaluateAllAsync<string[]>("ts => ts.map(t => t.getAttribute('datetime'))");
        var ordered = dues.Select(DateTimeOffset.Parse).ToList();
        Assert.Equal(ordered.Order().ToList(), ordered);
        await page.InspectAsync("incidents-inbox");

        await row.Locator("button.open-incident").ClickAsync();
        await page.ClickAsync("#take-incident");
        await page.Locator("#take-incident").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await Assertions.Expect(page.Locator("#incident-steps li[data-step='assigned']")).ToHaveCountAsync(1);

        await page.ClickAsync("#send-incident-step"); // nothing written: the API names the answer
        await page.Locator("#incident-text-error").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#incident-text", "aria-invalid"));
        await page.FillAsync("#incident-text", "Cal el DNI i el contracte de lloguer.");
        await page.ClickAsync("#send-incident-step");
        await Assertions.Expect(page.Locator("#incident-status")).ToHaveTextAsync("Resposta");
        await page.InspectAsync("incident-answered");

        Assert.Contains("complaint-handling", await platform.ReasonsAsync("incidents", citizen, "incident-details"));
        var read = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/incidents/{second}?reason=complaint-handling");
        Assert.Equal("answered", read.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(read.GetProperty("agent").GetString()));
        await page.Context.CloseAsync();
    }

    private async Task<Guid> ReportAsync(Guid citizen, string description)
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/incidents", new { kind = "l1-question", channel = "phone", description, citizenId = citizen });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incidentId").GetGuid();
    }

    private async Task<Guid> RegisterCitizenAsync()
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/citizens", new { preferredLanguage = "ca", channel = "phone", phone = $"6{Random.Shared.Next(10_000_000, 99_999_999)}" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
    }
}
