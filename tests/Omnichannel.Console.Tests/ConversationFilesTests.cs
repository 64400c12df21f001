using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Omnichannel.Testing;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>A photo a citizen sent by Telegram is a link in the operator's conversation view: the browser downloads it
/// through the console (the member of staff's token stays on the server), and messaging logs the read with the
/// panel's reason.</summary>
[Collection(Collections.CitizenWeb)]
public sealed class ConversationFilesTests(ConsolePlatform platform)
{
    /// <summary>A Monday at 10:00 in Mataró: inside the operators' hours.</summary>
    private static readonly DateTimeOffset MondayMorning = new(2026, 12, 14, 10, 0, 0, TimeSpan.FromHours(1));

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 9];

    [Fact]
    public async Task An_operator_opens_a_conversation_with_a_photo_and_downloads_it_through_the_console()
    {
        platform.MessagingClock.MoveTo(MondayMorning);
        var chat = Random.Shared.NextInt64(100_000_000, 9_000_000_000);
        var registered = await platform.AsChannelApp().PostAsJsonAsync("/api/citizens", new { preferredLanguage = "ca", channel = "telegram", telegramChatId = chat.ToString() });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var citizen = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();
        var fileId = $"AgACAgQ-{Guid.NewGuid():N}";
        platform.TelegramApi.AddFile(fileId, Png);
        var update = Random.Shared.NextInt64(1_000_000, 100_000_000);
        var posted = await platform.PostTelegramAsync("{\"update_id\":" + update + ",\"message\":{\"message_id\":" + update % 100000
            + ",\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"Anna\",\"language_code\":\"ca\"}"
            + ",\"chat\":{\"id\":" + chat + ",\"first_name\":\"Anna\",\"type\":\"private\"},\"date\":1764400000"
            + ",\"photo\":[{\"file_id\":\"" + fileId + "-small\",\"file_unique_id\":\"a\",\"width\":90,\"height\":60},{\"file_id\":\"" + fileId + "\",\"file_unique_id\":\"b\",\"width\":1280,\"height\":853}]"
            + ",\"caption\":\"La vorera trencada\"}}");
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        // Handed over (a photo, in operator hours), and its file fetched from the (fake) Bot API.
        var handover = await Eventually.Until(async () =>
        {
            foreach (var item in (await platform.AsStaff().GetFromJsonAsync<List<JsonElement>>("/api/messaging/operators/handovers?stage=waiting"))!
                .Where(h => h.TryGetProperty("citizenId", out var c) && c.ValueKind == JsonValueKind.String && c.GetGuid() == citizen))
            {
                var id = item.GetProperty("handoverId").GetGuid();
                var detail = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/messaging/operators/handovers/{id}?reason=citizen-request");
                if (detail.GetProperty("transcript").EnumerateArray().Any(l => l.GetProperty("attachments").GetArrayLength() > 0)) return id;
            }
            return Guid.Empty;
        }, id => id != Guid.Empty, TimeSpan.FromSeconds(30), "the photo's hand-over with its file kept");

        var page = await Screens.NewPageAsync(platform);
        await page.SignInAsync(platform, "mataro.agent", platform.Passwords["agent"], "conversations");
        await page.Locator($"tr[data-handover='{handover}'] button.open-conversation").ClickAsync();
        var link = page.Locator("#transcript li[data-from='citizen'] a.conversation-file");
        await link.WaitForAsync();
        Assert.StartsWith("conversations/" + handover + "/files/", await link.GetAttributeAsync("href"));
        await page.InspectAsync("conversation-photo");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Null(await download.FailureAsync());
        Assert.StartsWith("telegram-foto-", download.SuggestedFilename);
        Assert.Equal(Png, await File.ReadAllBytesAsync((await download.PathAsync())!));
        await page.Context.CloseAsync();

        // Messaging logged the download as the operator's, with the panel's reason.
        using var officer = platform.Gateway.Client(platform.Tokens.DataProtectionOfficer());
        var log = await officer.GetFromJsonAsync<JsonElement>($"/api/messaging/access-log?citizenId={citizen}");
        Assert.Contains(log.GetProperty("items").EnumerateArray(),
            e => e.GetProperty("what").GetString() == "conversation-file" && e.GetProperty("why").GetString() == "citizen-request");
    }
}
