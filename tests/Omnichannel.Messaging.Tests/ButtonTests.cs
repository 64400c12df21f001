using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Omnichannel.Messaging.Buttons;
using Omnichannel.Messaging.KeywordManagement;
using Omnichannel.Testing;
using Omnichannel.Testing.Fakes;

namespace Omnichannel.Messaging.Tests;

/// <summary>Buttons under keyword answers through the channels' real wire formats: Telegram inline keyboards and
/// callback queries (answerCallbackQuery), WhatsApp reply buttons and button replies, a place on the map, and staff
/// managing buttons within WhatsApp's limits.</summary>
[Collection(Collections.Buttons)]
public sealed class ButtonTests(MessagingPlatform platform)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>A press on an inline keyboard button of one of the bot's messages, as the Bot API delivers it.</summary>
    private static string Press(long updateId, long chat, string queryId, string data, string language = "ca") =>
        "{\"update_id\":" + updateId + ",\"callback_query\":{\"id\":\"" + queryId + "\",\"from\":{\"id\":" + chat
        + ",\"is_bot\":false,\"first_name\":\"Anna\",\"language_code\":\"" + language + "\"},\"message\":{\"message_id\":77,\"from\":{\"id\":1,\"is_bot\":true,\"first_name\":\"CityMes\"}"
        + ",\"chat\":{\"id\":" + chat + ",\"first_name\":\"Anna\",\"type\":\"private\"},\"date\":1764400000,\"text\":\"Tria\"},\"chat_instance\":\"-5\",\"data\":"
        + JsonSerializer.Serialize(data) + "}}";

    /// <summary>A tap on a reply button of an interactive message, as Meta delivers it.</summary>
    private static string ButtonReply(string waId, string id, string buttonId, string title) =>
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\","
        + "\"metadata\":{\"display_phone_number\":\"34687200100\",\"phone_number_id\":\"" + MessagingAccounts.PhoneNumberId + "\"},"
        + "\"contacts\":[{\"profile\":{\"name\":\"Anna\"},\"wa_id\":\"" + waId + "\"}],\"messages\":[{\"context\":{\"from\":\"34687200100\",\"id\":\"wamid.prev\"},\"from\":\"" + waId
        + "\",\"id\":\"" + id + "\",\"timestamp\":\"1764400000\",\"type\":\"interactive\",\"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":"
        + JsonSerializer.Serialize(buttonId) + ",\"title\":" + JsonSerializer.Serialize(title) + "}}}]},\"field\":\"messages\"}]}]}";

    private async Task<IReadOnlyList<FakeTelegramBotApi.Sent>> TelegramAnswersAsync(long chat, int count) =>
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), sent => sent.Count >= count, Wait, "the bot's answers");

    private async Task<IReadOnlyList<FakeTelegramBotApi.CallbackAnswer>> AcknowledgementsAsync(string queryId) =>
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.CallbackAnswers.Where(a => a.CallbackQueryId == queryId).ToList()),
            a => a.Count >= 1, Wait, "the press acknowledged");

    [Fact]
    public async Task A_keyword_with_buttons_is_sent_with_an_inline_keyboard_and_its_place_with_send_location()
    {
        var chat = Updates.NewChat();
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "cita"));

        var answer = (await TelegramAnswersAsync(chat, 1))[0];
        Assert.StartsWith("Per demanar cita prèvia", answer.Text);
        Assert.Equal(
            """{"inline_keyboard":[[{"text":"Demana cita","url":"https://www.mataro.cat"}],[{"text":"Horari","callback_data":"k:horari"}]]}""",
            answer.ReplyMarkup);
        var place = await Eventually.Until(() => Task.FromResult(platform.TelegramApi.LocationsTo(chat)), l => l.Count == 1, Wait, "the office's place");
        Assert.Equal((41.5386, 2.4449), (place[0].Latitude, place[0].Longitude));
        Assert.True(place[0].MessageId > answer.MessageId); // after the text
    }

    [Fact]
    public async Task Pressing_a_button_answers_the_keyword_it_names_and_is_acknowledged_once_even_when_redelivered()
    {
        var chat = Updates.NewChat();
        var query = $"q{Guid.NewGuid():N}";
        platform.TelegramApi.IssueCallbackQuery(query);
        var press = Press(Updates.NewUpdateId(), chat, query, "k:horari");

        Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(press)).StatusCode);
        var answer = (await TelegramAnswersAsync(chat, 1))[0];
        Assert.StartsWith("L'Oficina d'Atenció Ciutadana", answer.Text);
        var acknowledged = await AcknowledgementsAsync(query);
        Assert.Equal((true, (string?)null), (acknowledged[0].Accepted, acknowledged[0].Text));

        // Redelivered (Telegram did not see the 200): nothing more. A later press in the same chat is the marker that
        // the redelivery has been decided.
        Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(press)).StatusCode);
        var later = $"q{Guid.NewGuid():N}";
        platform.TelegramApi.IssueCallbackQuery(later);
        await platform.PostTelegramAsync(Press(Updates.NewUpdateId(), chat, later, "k:padro"));
        await AcknowledgementsAsync(later);
        var answers = await TelegramAnswersAsync(chat, 2);
        Assert.Equal(2, answers.Count);
        Assert.StartsWith("Per empadronar-te", answers[1].Text);
        Assert.Single(platform.TelegramApi.CallbackAnswers, a => a.CallbackQueryId == query);
    }

    [Fact]
    public async Task A_stale_or_forged_press_is_acknowledged_with_a_notice_and_answered_without_revealing_anything()
    {
        var chat = Updates.NewChat();
        var stale = $"q{Guid.NewGuid():N}";
        var forged = $"q{Guid.NewGuid():N}";
        platform.TelegramApi.IssueCallbackQuery(stale);
        platform.TelegramApi.IssueCallbackQuery(forged);

        Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(Press(Updates.NewUpdateId(), chat, stale, "k:a-keyword-since-deleted", "es"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(Press(Updates.NewUpdateId(), chat, forged, "cita C0000-00000"))).StatusCode);
        // A press Telegram no longer takes an answer for (expired): refused by the Bot API, and still no 500.
        Assert.Equal(HttpStatusCode.OK, (await platform.PostTelegramAsync(Press(Updates.NewUpdateId(), chat, "expired-query", "k:horari"))).StatusCode);

        var answers = await TelegramAnswersAsync(chat, 3);
        var language = (await platform.TelegramConversationAsync(chat))!.Language;
        Assert.Equal([ButtonTexts.NoLongerAvailable.In(language), ButtonTexts.NoLongerAvailable.In(language)], answers.Take(2).Select(a => a.Text));
        Assert.Equal(ButtonTexts.NoLongerAvailableShort.In(language), (await AcknowledgementsAsync(stale))[0].Text);
        Assert.True((await AcknowledgementsAsync(forged))[0].Accepted);
        Assert.False((await AcknowledgementsAsync("expired-query"))[0].Accepted);
        Assert.StartsWith(language == "es" ? "La Oficina" : "L'Oficina", answers[2].Text);
    }

    [Fact]
    public async Task A_whatsapp_answer_carries_reply_buttons_and_a_location_and_a_button_reply_answers_its_keyword_once()
    {
        var waId = Notifications.NewWaId();
        await platform.PostWhatsAppAsync(Notifications.Text(waId, Notifications.NewMessageId(), "cita previa"));

        var sent = await Eventually.Until(() => Task.FromResult(platform.WhatsAppApi.Messages.Where(m => m.To == waId).ToList()), m => m.Count == 2, Wait, "the answer and its place");
        Assert.Equal(("interactive", "location"), (sent[0].Type, sent[1].Type));
        var interactive = JsonNode.Parse(sent[0].Body!)!["interactive"]!;
        Assert.Equal("button", interactive["type"]!.GetValue<string>());
        Assert.Equal("""{"buttons":[{"type":"reply","reply":{"id":"k:horari","title":"Horari"}}]}""", interactive["action"]!.ToJsonString());
        Assert.EndsWith("\n\nDemana cita: https://www.mataro.cat", sent[0].Text);
        Assert.StartsWith("""{"latitude":41.5386,"longitude":2.4449,""", JsonNode.Parse(sent[1].Body!)!["location"]!.ToJsonString());

        var tap = ButtonReply(waId, Notifications.NewMessageId(), "k:horari", "Horari");
        Assert.Equal(HttpStatusCode.OK, (await platform.PostWhatsAppAsync(tap)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.PostWhatsAppAsync(tap)).StatusCode); // redelivered
        await platform.PostWhatsAppAsync(Notifications.Text(waId, Notifications.NewMessageId(), "padró")); // the marker
        var all = await Eventually.Until(() => Task.FromResult(platform.WhatsAppApi.Messages.Where(m => m.To == waId).ToList()), m => m.Count >= 4, Wait, "the tap's answer and the marker's");
        Assert.Equal(4, all.Count);
        Assert.Equal("text", all[2].Type);
        Assert.StartsWith("L'Oficina d'Atenció Ciutadana", all[2].Text);
        Assert.StartsWith("Per empadronar-te", all[3].Text);
    }

    /// <summary>A choice from an interactive list, as Meta delivers it.</summary>
    private static string ListReply(string waId, string id, string rowId, string title) =>
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\","
        + "\"metadata\":{\"display_phone_number\":\"34687200100\",\"phone_number_id\":\"" + MessagingAccounts.PhoneNumberId + "\"},"
        + "\"contacts\":[{\"profile\":{\"name\":\"Anna\"},\"wa_id\":\"" + waId + "\"}],\"messages\":[{\"context\":{\"from\":\"34687200100\",\"id\":\"wamid.prev\"},\"from\":\"" + waId
        + "\",\"id\":\"" + id + "\",\"timestamp\":\"1764400000\",\"type\":\"interactive\",\"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":"
        + JsonSerializer.Serialize(rowId) + ",\"title\":" + JsonSerializer.Serialize(title) + ",\"description\":\"\"}}}]},\"field\":\"messages\"}]}]}";

    [Fact]
    public async Task A_whatsapp_answer_with_five_choices_is_a_list_of_five_rows_and_a_choice_answers_its_keyword_once()
    {
        using var staff = platform.Messaging.Client(platform.Tokens.Staff());
        await Eventually.Until(async () => (await staff.GetFromJsonAsync<KeywordList>("/api/messaging/keywords"))!, l => l.Keywords.Count > 0, Wait, "the demo keywords");
        var code = $"l{Guid.NewGuid():N}"[..12];
        string[] targets = ["horari", "padro", "cita", "tramit", "mobles"];
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(staff, Keyword(code, [.. targets.Select(t => Sends($"Opció {t}", t))]))).StatusCode);

        var waId = Notifications.NewWaId();
        await platform.PostWhatsAppAsync(Notifications.Text(waId, Notifications.NewMessageId(), code));
        var sent = await Eventually.Until(() => Task.FromResult(platform.WhatsAppApi.Messages.Where(m => m.To == waId).ToList()), m => m.Count == 1, Wait, "the list");
        Assert.Equal("interactive", sent[0].Type);
        var interactive = JsonNode.Parse(sent[0].Body!)!["interactive"]!;
        Assert.Equal("list", interactive["type"]!.GetValue<string>());
        Assert.Equal($"Resposta {code}", interactive["body"]!["text"]!.GetValue<string>());
        var language = (await platform.WhatsAppConversationAsync(waId))!.Language;
        Assert.Equal(ButtonTexts.ListButton.In(language), interactive["action"]!["button"]!.GetValue<string>());
        var rows = interactive["action"]!["sections"]!.AsArray().SelectMany(s => s!["rows"]!.AsArray()).ToList();
        Assert.Equal(targets.Select(t => ($"k:{t}", $"Opció {t}")), rows.Select(r => (r!["id"]!.GetValue<string>(), r["title"]!.GetValue<string>())));

        var choice = ListReply(waId, Notifications.NewMessageId(), "k:padro", "Opció padro");
        Assert.Equal(HttpStatusCode.OK, (await platform.PostWhatsAppAsync(choice)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.PostWhatsAppAsync(choice)).StatusCode); // redelivered
        await platform.PostWhatsAppAsync(Notifications.Text(waId, Notifications.NewMessageId(), "horari")); // the marker
        var all = await Eventually.Until(() => Task.FromResult(platform.WhatsAppApi.Messages.Where(m => m.To == waId).ToList()), m => m.Count >= 3, Wait, "the choice's answer and the marker's");
        Assert.Equal(3, all.Count);
        Assert.StartsWith("Per empadronar-te", all[1].Text);
        Assert.StartsWith("L'Oficina d'Atenció Ciutadana", all[2].Text);
    }

    [Fact]
    public async Task The_fake_graph_api_refuses_a_list_over_whatsapps_limits_with_the_graph_error()
    {
        using var http = new HttpClient();
        async Task<HttpResponseMessage> SendAsync(JsonObject list)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{platform.WhatsAppApi.BaseUrl.TrimEnd('/')}/{MessagingAccounts.PhoneNumberId}/messages")
            {
                Content = JsonContent.Create(new JsonObject
                {
                    ["messaging_product"] = "whatsapp", ["recipient_type"] = "individual", ["to"] = Notifications.NewWaId(), ["type"] = "interactive", ["interactive"] = list,
                }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.Accounts.AccessToken);
            return await http.SendAsync(request);
        }
        JsonObject Listing(int rows, string button = "Veure opcions", string title = "Opció", string id = "k:x") => new()
        {
            ["type"] = "list",
            ["body"] = new JsonObject { ["text"] = "Tria" },
            ["action"] = new JsonObject
            {
                ["button"] = button,
                ["sections"] = new JsonArray(new JsonObject
                {
                    ["title"] = "Opcions",
                    ["rows"] = new JsonArray([.. Enumerable.Range(0, rows).Select(i => (JsonNode)new JsonObject { ["id"] = $"{id}{i}", ["title"] = title })]),
                }),
            },
        };

        foreach (var (list, detail) in new[]
        {
            (Listing(11), "at most 10 rows"),
            (Listing(2, button: new string('b', 21)), "['button']"),
            (Listing(2, title: new string('t', 25)), "['title']"),
            (Listing(2, id: new string('i', 200)), "['id']"),
        })
        {
            using var response = await SendAsync(list);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
            Assert.Equal((131009, "OAuthException"), (error.GetProperty("code").GetInt32(), error.GetProperty("type").GetString()));
            Assert.Contains(detail, error.GetProperty("error_data").GetProperty("details").GetString());
        }
    }

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient staff, object keyword) => await staff.PostAsJsonAsync("/api/messaging/keywords", keyword);

    private static object Keyword(string code, params object[] buttons) => new
    {
        code,
        terms = new { ca = new[] { code }, es = new[] { code + " es" }, en = new[] { code + " en" } },
        answer = new { ca = $"Resposta {code}", es = $"Respuesta {code}", en = $"Answer {code}" },
        buttons,
    };

    private static object Sends(string label, string keyword) => new { label = new { ca = label, es = label, en = label }, keyword };

    private static async Task<IEnumerable<string>> FieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
    }

    [Fact]
    public async Task Staff_keywords_with_eleven_buttons_a_long_title_or_an_unknown_target_are_refused_naming_the_field_and_the_preview_shows_buttons()
    {
        using var staff = platform.Messaging.Client(platform.Tokens.Staff());
        await Eventually.Until(async () => (await staff.GetFromJsonAsync<KeywordList>("/api/messaging/keywords"))!, l => l.Keywords.Count > 0, Wait, "the demo keywords");
        var code = $"b{Guid.NewGuid():N}"[..12];

        Assert.Contains("buttons", await FieldsAsync(await CreateAsync(staff, Keyword(code,
            [.. Enumerable.Range(1, 11).Select(i => Sends($"Opció {i}", "horari"))]))));
        Assert.Contains("buttons[0].label.ca", await FieldsAsync(await CreateAsync(staff, Keyword(code, Sends("Un títol massa llarg!", "horari")))));
        Assert.Contains("buttons[0].url", await FieldsAsync(await CreateAsync(staff, Keyword(code,
            new { label = new { ca = "Web", es = "Web", en = "Web" }, url = "javascript:alert(1)" }))));
        Assert.Contains("buttons[1].keyword", await FieldsAsync(await CreateAsync(staff, Keyword(code, Sends("Horari", "horari"), Sends("Cap", "no-such-keyword")))));

        var created = await CreateAsync(staff, Keyword(code, Sends("Horari", "horari"), new { label = new { ca = "Web", es = "Web", en = "Web" }, url = "https://www.mataro.cat" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var preview = (await (await staff.PostAsJsonAsync("/api/messaging/keywords/preview", new { message = code, language = "en" })).Content.ReadFromJsonAsync<PreviewReply>())!;
        Assert.Equal([new PreviewButton("Horari", null, "horari"), new PreviewButton("Web", "https://www.mataro.cat", null)], preview.Buttons);
        var list = (await staff.GetFromJsonAsync<KeywordList>("/api/messaging/keywords"))!;
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/messaging/keywords/{code}");
        delete.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{list.Revision}\""));
        Assert.Equal(HttpStatusCode.OK, (await staff.SendAsync(delete)).StatusCode);
    }
}
