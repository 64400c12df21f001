using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Omnichannel.Testing;

namespace Omnichannel.StaffConsole.Tests;

/// <summary>
/// The citizen web's alert lists: the topics that take members, with the words to send from one's own chat to join or
/// leave (and WhatsApp links with the words written) — and those words, sent from a Telegram chat, put the chat on the list
/// and take it off. A retired topic is not offered.
/// </summary>
[Collection(Collections.CitizenWeb)]
public sealed class CitizenWebAlertsTests(ConsolePlatform platform)
{
    /// <summary>A new topic (a random code: the fixture is shared), retired when asked: its code.</summary>
    private async Task<string> NewTopicAsync(bool retired = false)
    {
        using var staff = platform.AsStaff();
        var code = $"obres-{Random.Shared.Next(100_000, 999_999)}";
        var created = await staff.PostAsJsonAsync("/api/messaging/topics", new
        {
            code,
            names = new { ca = $"Obres {code}", es = $"Obras {code}", en = $"Roadworks {code}" },
            descriptions = new { ca = "Talls de carrer per obres.", es = "Cortes de calle por obras.", en = "Streets closed for roadworks." },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        if (retired)
        {
            using var retire = new HttpRequestMessage(HttpMethod.Post, $"/api/messaging/topics/{code}/retirement");
            retire.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag?.Tag ?? "\"1\"");
            var done = await staff.SendAsync(retire);
            Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
        }
        return code;
    }

    private async Task<int> MembersAsync(string code)
    {
        var topics = await platform.AsStaff().GetFromJsonAsync<List<JsonElement>>("/api/messaging/topics");
        return topics!.Single(t => t.GetProperty("code").GetString() == code).GetProperty("subscribers").GetInt32();
    }

    private async Task SendFromTelegramAsync(long chat, string text)
    {
        var update = Random.Shared.NextInt64(1_000_000, 100_000_000);
        var body = "{\"update_id\":" + update + ",\"message\":{\"message_id\":" + update % 100000
            + ",\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"Pere\",\"language_code\":\"ca\"}"
            + ",\"chat\":{\"id\":" + chat + ",\"first_name\":\"Pere\",\"type\":\"private\"},\"date\":1764400000,\"text\":\"" + text + "\"}}";
        var posted = await platform.PostTelegramAsync(body);
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_web_shows_the_words_to_join_and_leave_a_topic_and_those_words_sent_from_a_chat_join_and_leave_it()
    {
        var code = await NewTopicAsync();
        var retired = await NewTopicAsync(retired: true);

        var page = await platform.PhoneAsync("ca");
        await page.GotoAsync(platform.ConsoleUrl + "web");
        await page.WaitForInteractiveAsync();
        await page.ClickAsync("#go-alerts");
        var topic = page.Locator($"li[data-topic='{code}']");
        await topic.WaitForAsync();
        Assert.Equal(0, await page.Locator($"li[data-topic='{retired}']").CountAsync());
        Assert.Equal($"ALTA {code}", (await topic.Locator("[data-join]").InnerTextAsync()).Trim());
        Assert.Equal($"BAIXA {code}", (await topic.Locator("[data-leave]").InnerTextAsync()).Trim());
        Assert.Equal($"https://wa.me/{ConsolePlatform.WhatsAppNumber}?text=ALTA%20{code}", await topic.Locator("a.web-button").GetAttributeAsync("href"));
        Assert.Equal(ConsolePlatform.TelegramUrl, await page.GetAttributeAsync("#alerts-telegram", "href"));
        await page.InspectAsync("web-alerts-phone-ca");

        // The words, as shown, from a Telegram chat: on the list, then off it.
        var chat = Random.Shared.NextInt64(100_000_000, 9_000_000_000);
        await SendFromTelegramAsync(chat, (await topic.Locator("[data-join]").InnerTextAsync()).Trim());
        await Eventually.Until(() => MembersAsync(code), n => n == 1, TimeSpan.FromSeconds(20), "the chat on the topic's list");
        await SendFromTelegramAsync(chat, (await topic.Locator("[data-leave]").InnerTextAsync()).Trim());
        await Eventually.Until(() => MembersAsync(code), n => n == 0, TimeSpan.FromSeconds(20), "the chat off the topic's list");
    }

    [Theory]
    [InlineData("ca")]
    [InlineData("es")]
    [InlineData("en")]
    public async Task The_alerts_page_passes_axe_in_each_language(string language)
    {
        await NewTopicAsync();
        var page = await platform.PhoneAsync(language);
        await page.GotoAsync(platform.ConsoleUrl + "web/alerts");
        await page.WaitForInteractiveAsync();
        await page.Locator("#alert-topics li").First.WaitForAsync();
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"the page is {width} px wide on a 375 px screen");
        await page.InspectAsync($"web-alerts-{language}");
    }

    [Fact]
    public async Task A_channel_app_reads_the_open_topics_but_not_the_staff_list_with_its_member_counts()
    {
        var code = await NewTopicAsync();
        using var channel = platform.AsChannelApp();
        var open = await channel.GetFromJsonAsync<List<JsonElement>>("/api/messaging/alert-topics");
        var topic = open!.Single(t => t.GetProperty("code").GetString() == code);
        Assert.False(topic.TryGetProperty("subscribers", out _));
        Assert.Equal($"JOIN {code}", topic.GetProperty("join").GetProperty("en").GetString());
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await channel.GetAsync("/api/messaging/topics")).StatusCode);
    }
}
