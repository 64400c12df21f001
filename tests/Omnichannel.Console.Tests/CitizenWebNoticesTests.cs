using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Omnichannel.Testing;
using static Omnichannel.StaffConsole.Tests.CitizenScreens;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>
/// The citizen web's choice of the channel for notices, without an account: a one-time code goes out on the chosen
/// channel (the fake Telegram here), and only that code, typed back, changes the citizen's preferred channel — read back
/// through the citizens API as staff with a reason. A wrong code changes nothing; repeated wrong codes are throttled,
/// after which even the right one is refused; unknown details get the same answers as known ones.
/// </summary>
[Collection(Collections.CitizenWeb)]
public sealed partial class CitizenWebNoticesTests(ConsolePlatform platform)
{
    private const int WrongCodesAllowed = 5; // Messaging:NoticeChannelCodes:WrongCodes, by default

    /// <summary>A citizen known by a new phone, whose Telegram chat has written to the council's bot (a bot writes only
    /// to chats that wrote first).</summary>
    private async Task<(Guid Citizen, string Phone, long Chat)> CitizenWithTelegramAsync()
    {
        var phone = NewPhone();
        var chat = Random.Shared.NextInt64(100_000_000, 9_000_000_000);
        var registered = await platform.AsChannelApp().PostAsJsonAsync("/api/citizens",
            new { preferredLanguage = "ca", channel = "online", phone, telegramChatId = chat.ToString() });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var citizen = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizenId").GetGuid();

        var update = Random.Shared.NextInt64(1_000_000, 100_000_000);
        var body = "{\"update_id\":" + update + ",\"message\":{\"message_id\":" + update % 100000
            + ",\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"Pere\",\"language_code\":\"ca\"}"
            + ",\"chat\":{\"id\":" + chat + ",\"first_name\":\"Pere\",\"type\":\"private\"},\"date\":1764400000,\"text\":\"Hola\"}}";
        var posted = await platform.PostTelegramAsync(body);
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        // The bot's answer: the conversation is stored (linked to the citizen by the chat id it was registered with).
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), sent => sent.Count >= 1, TimeSpan.FromSeconds(20), "the bot's answer");
        return (citizen, phone, chat);
    }

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex SixDigits();

    /// <summary>The code the fake Telegram delivered to the chat (the latest message that carries one).</summary>
    private async Task<string> CodeSentToAsync(long chat, int before)
    {
        var sent = await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)),
            messages => messages.Count > before && SixDigits().IsMatch(messages[^1].Text), TimeSpan.FromSeconds(20), "the code on Telegram");
        return SixDigits().Match(sent[^1].Text).Groups[1].Value;
    }

    private async Task<string?> PreferredChannelAsync(Guid citizen)
    {
        var profile = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}?reason=citizen-request");
        var channel = profile.GetProperty("preferences").GetProperty("preferredChannel");
        return channel.ValueKind == JsonValueKind.Null ? null : channel.GetString();
    }

    private static string Wrong(string code) => code[..5] + (char)('0' + (code[5] - '0' + 1) % 10);

    [Fact]
    public async Task The_code_sent_on_telegram_and_typed_on_the_phone_makes_telegram_the_citizens_channel_for_notices_and_a_wrong_one_does_not()
    {
        var (citizen, phone, chat) = await CitizenWithTelegramAsync();
        Assert.Null(await PreferredChannelAsync(citizen));

        var page = await platform.PhoneAsync("ca");
        await OpenAsync(page, platform.ConsoleUrl + "web");
        await page.ClickAsync("#go-notices");
        await page.Locator("#notices-value").WaitForAsync();
        await page.WaitForInteractiveAsync();
        await page.InspectAsync("web-notices-phone-ca");
        var before = platform.TelegramApi.To(chat).Count;
        await page.FillAsync("#notices-value", phone);
        await page.CheckAsync("#notices-channel-telegram");
        await page.ClickAsync("#notices-send");
        await page.Locator("#notices-sent").WaitForAsync();
        Assert.DoesNotContain(phone, page.Url);
        var code = await CodeSentToAsync(chat, before);
        Assert.Contains("10 minuts", platform.TelegramApi.To(chat)[^1].Text);

        // A wrong code: said next to the field, and nothing changes.
        await page.FillAsync("#notices-code", Wrong(code));
        await page.ClickAsync("#notices-confirm");
        await page.Locator("#notices-code-error:not(:empty)").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#notices-code", "aria-invalid"));
        Assert.Null(await PreferredChannelAsync(citizen));
        await page.InspectAsync("web-notices-code-wrong-phone-ca");

        await page.FillAsync("#notices-code", code);
        await page.ClickAsync("#notices-confirm");
        await page.Locator("#notices-done").WaitForAsync();
        Assert.Contains("Telegram", await page.InnerTextAsync("#notices-done"));
        Assert.Equal("telegram", await PreferredChannelAsync(citizen));
        await FitsThePhoneAsync(page, "notices done");
        await page.InspectAsync("web-notices-done-phone-ca");

        // Single use: the same code again is refused.
        var again = await platform.AsChannelApp().PostAsJsonAsync("/api/messaging/notice-channel/confirmation",
            new { kind = "phone", value = phone, code, device = "test-device-" + Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task After_too_many_wrong_codes_for_a_phone_even_the_right_code_is_refused_and_the_channel_stays()
    {
        var (citizen, phone, chat) = await CitizenWithTelegramAsync();
        using var web = platform.AsChannelApp();
        var before = platform.TelegramApi.To(chat).Count;
        var asked = await web.PostAsJsonAsync("/api/messaging/notice-channel/codes",
            new { kind = "phone", value = phone, channel = "telegram", language = "es", device = "device-one-" + Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var code = await CodeSentToAsync(chat, before);
        Assert.Contains("Caduca en 10 minutos", platform.TelegramApi.To(chat)[^1].Text);

        // Each wrong try from a different device: the identity's own count throttles.
        for (var i = 0; i < WrongCodesAllowed; i++)
        {
            var wrong = await web.PostAsJsonAsync("/api/messaging/notice-channel/confirmation",
                new { kind = "phone", value = phone, code = Wrong(code), device = $"device-{i}-{Guid.NewGuid():N}" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _));
        }
        var right = await web.PostAsJsonAsync("/api/messaging/notice-channel/confirmation",
            new { kind = "phone", value = phone, code, device = $"device-last-{Guid.NewGuid():N}" });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal("too-many-tries", (await right.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Null(await PreferredChannelAsync(citizen));
    }

    [Fact]
    public async Task Details_nobody_has_get_the_same_answers_as_a_citizens_and_one_device_is_throttled_across_identities()
    {
        using var web = platform.AsChannelApp();
        var device = $"device-{Guid.NewGuid():N}";
        var unknown = await web.PostAsJsonAsync("/api/messaging/notice-channel/codes",
            new { kind = "email", value = $"nobody-{Guid.NewGuid():N}@example.org", channel = "email", language = "en", device });
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(10, (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expiresInMinutes").GetInt32());

        // Wrong codes for different phones nobody has, from one device: the same 400, then the device is held back.
        for (var i = 0; i < WrongCodesAllowed; i++)
        {
            var wrong = await web.PostAsJsonAsync("/api/messaging/notice-channel/confirmation", new { kind = "phone", value = NewPhone(), code = "123456", device });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }
        var held = await web.PostAsJsonAsync("/api/messaging/notice-channel/confirmation", new { kind = "phone", value = NewPhone(), code = "123456", device });
        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
    }

    [Theory]
    [InlineData("ca")]
    [InlineData("es")]
    [InlineData("en")]
    public async Task The_notices_page_passes_axe_in_each_language_on_a_phone(string language)
    {
        var page = await platform.PhoneAsync(language);
        await OpenAsync(page, platform.ConsoleUrl + "web/notices");
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await FitsThePhoneAsync(page, "notices");
        await page.InspectAsync($"web-notices-{language}");
        // The code step, reached with details nobody has: the same words as for a citizen's.
        await page.CheckAsync("#notices-who-email");
        await page.FillAsync("#notices-value", $"nobody-{Guid.NewGuid():N}@example.org");
        await page.CheckAsync("#notices-channel-email");
        await page.ClickAsync("#notices-send");
        await page.Locator("#notices-code").WaitForAsync();
        await page.InspectAsync($"web-notices-code-{language}");
    }
}
