using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Omnichannel.Testing;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>The operators' inbox: a Telegram conversation the bot hands over (in operator hours) is claimed, answered
/// — the answer reaches the chat through the (fake) Telegram Bot API — and closed from the console.</summary>
[Collection(Collections.CitizenWeb)]
public sealed class ConversationsPanelTests(ConsolePlatform platform)
{
    /// <summary>A Monday at 10:00 in Mataró: inside the operators' hours.</summary>
    private static readonly DateTimeOffset MondayMorning = new(2026, 12, 14, 10, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public async Task An_operator_claims_a_handed_over_telegram_conversation_answers_the_citizen_and_closes_it()
    {
        platform.MessagingClock.MoveTo(MondayMorning);
        var chat = Random.Shared.NextInt64(100_000_000, 9_000_000_000);
        var update = Random.Shared.NextInt64(1_000_000, 100_000_000);
        var body = "{\"update_id\":" + update + ",\"message\":{\"message_id\":" + update % 100000
            + ",\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"Anna\",\"language_code\":\"ca\"}"
            + ",\"chat\":{\"id\":" + chat + ",\"first_name\":\"Anna\",\"type\":\"private\"},\"date\":1764400000,\"text\":\"El contenidor del meu carrer fa dies que no es buida\"}}";
        var posted = await platform.PostTelegramAsync(body);
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), sent => sent.Count >= 1, TimeSpan.FromSeconds(20), "the bot's hand-over notice");
        var handover = await Eventually.Until(async () =>
            (await platform.AsStaff().GetFromJsonAsync<List<JsonElement>>("/api/messaging/operators/handovers?stage=waiting"))!
                .Select(h => h.GetProperty("handoverId").GetGuid()).ToList(),
            ids => ids.Count > 0, TimeSpan.FromSeconds(20), "a hand-over waiting");

        var page = await Screens.NewPageAsync(platform);
        await page.SignInAsync(platform, "mataro.agent", platform.Passwords["agent"], "conversations");
        var row = page.Locator($"tr[data-handover='{handover[^1]}']"); // the newest waiting: this test's
        await Assertions.Expect(row).ToHaveAttributeAsync("data-stage", "waiting");
        await page.InspectAsync("conversations-inbox");
        await row.Locator("button.open-conversation").ClickAsync();
        await page.Locator("#transcript li[data-from='citizen']").First.WaitForAsync();
        await page.ClickAsync("#claim-conversation");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-stage", "claimed");

        await page.ClickAsync("#send-reply"); // nothing written: the API names the text
        await page.Locator("#reply-text-error").WaitForAsync();
        await page.FillAsync("#reply-text", "Avisem el servei de neteja avui mateix.");
        await page.ClickAsync("#send-reply");
        await page.Locator("#transcript li[data-from='operator']").WaitForAsync();
        await page.InspectAsync("conversation-claimed");

        await page.ClickAsync("#close-conversation");
        await page.Locator("#conversation-closed").WaitForAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
