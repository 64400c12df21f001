using System.Text.Json.Nodes;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Messaging.Answering;
using Omnichannel.Messaging.Buttons;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.DemoData;
using Omnichannel.Messaging.KeywordManagement;
using Omnichannel.Messaging.Keywords;

namespace Omnichannel.Messaging.Tests;

/// <summary>Buttons under keyword answers and presses on them, without a server: given a keyword set, when a keyword is
/// answered or a button pressed, then the reply (and, for WhatsApp, the message body).</summary>
public sealed class ButtonPressesTests
{
    private static readonly KeywordSet Demo = DemoKeywords.ReadAsync().GetAwaiter().GetResult();

    private static KeywordEntry Entry(string code, params KeywordButton[] buttons) =>
        new(code, new KeywordTerms([code], [code + "-es"], [code + "-en"]), new LocalizedText($"Resposta {code}", $"Respuesta {code}", $"Answer {code}")) { Buttons = buttons };

    private static KeywordButton Link(string label, string url) => new(new LocalizedText(label, label + " es", label + " en"), Url: url);

    private static KeywordButton Sends(string label, string keyword) => new(new LocalizedText(label, label + " es", label + " en"), Keyword: keyword);

    [Fact]
    public void The_demo_keywords_offer_an_appointment_answer_with_a_link_a_keyword_button_and_the_office_on_the_map()
    {
        var reply = AnswerDecisions.Decide(Demo, KeywordMatching.Read(Demo, "cita"), "es", null, null);

        Assert.Equal(
            [new ReplyButton("Pide cita", "https://www.mataro.cat", null), new ReplyButton("Horario", null, "k:horari", "HORARIO")],
            reply.Buttons);
        Assert.Equal("Oficina d'Atenció Ciutadana", reply.Location?.Name);
    }

    [Fact]
    public void A_keyword_with_a_code_gets_its_status_without_the_keywords_buttons()
    {
        var reply = AnswerDecisions.Decide(Demo, KeywordMatching.Read(Demo, "cita C1234-56789"), "ca", null, new CodeStatus.NotFound());

        Assert.Empty(reply.Buttons);
        Assert.Null(reply.Location);
    }

    [Fact]
    public void A_button_naming_a_keyword_no_longer_in_the_set_is_left_out()
    {
        var set = new KeywordSet { Keywords = [Entry("a", Sends("Cap a B", "b"), Link("Web", "https://example.org"))] };

        var reply = AnswerDecisions.Decide(set, KeywordMatching.Read(set, "a"), "ca", null, null);

        Assert.Equal([new ReplyButton("Web", "https://example.org", null)], reply.Buttons);
    }

    [Fact]
    public void A_press_answers_as_the_keyword_it_names_and_needs_no_notice()
    {
        var reply = ButtonPresses.Answer(Demo, "k:horari", "en");

        Assert.Equal((ReplyReasons.Keyword, "horari"), (reply.Reason, reply.Keyword));
        Assert.StartsWith("The Citizen Service Office", reply.Text);
        Assert.Null(ButtonPresses.Acknowledgement(reply, "en"));
    }

    [Fact]
    public void A_press_on_a_keyword_that_looks_up_gives_its_own_answer_never_a_look_up()
    {
        var reply = ButtonPresses.Answer(Demo, "k:cita", "ca");

        Assert.Equal((ReplyReasons.Keyword, "cita"), (reply.Reason, reply.Keyword));
        Assert.NotEmpty(reply.Buttons);
    }

    [Theory]
    [InlineData("k:deleted-keyword")] // a keyword since deleted
    [InlineData("HORARI")]            // data that is not ours: never read as typed text
    [InlineData("k:cita C1234-56789")] // a code smuggled into the data
    [InlineData("k:../../horari")]
    [InlineData("")]
    public void A_stale_or_forged_press_gets_the_same_no_longer_available_answer_and_a_short_notice(string data)
    {
        var reply = ButtonPresses.Answer(Demo, data, "es");

        Assert.Equal((ButtonPresses.StaleReason, ButtonTexts.NoLongerAvailable.Es, (string?)null), (reply.Reason, reply.Text, reply.Keyword));
        Assert.Equal(ButtonTexts.NoLongerAvailableShort.Es, ButtonPresses.Acknowledgement(reply, "es"));
    }

    [Fact]
    public void A_keyword_buttons_data_is_its_code_and_fits_telegrams_64_bytes_for_the_longest_code()
    {
        var longest = new string('a', 40);

        Assert.Equal("k:" + longest, ButtonData.Of(longest));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(ButtonData.Of(longest)) <= ButtonData.TelegramMaxBytes);
        Assert.Equal(longest, ButtonData.Read(ButtonData.Of(longest)));
        Assert.Null(ButtonData.Read("k:" + longest + "a"));
    }

    [Fact]
    public void A_button_naming_an_unknown_keyword_is_refused_when_staff_save_it()
    {
        var rejection = Assert.Throws<Rejection>(() => KeywordChanges.Create([Entry("a")], Entry("b", Link("Web", "https://example.org"), Sends("Cap a C", "c"))));

        Assert.Equal("buttons[1].keyword", rejection.Field);
    }

    [Fact]
    public void A_button_may_send_an_existing_keyword_or_its_own()
    {
        var keywords = KeywordChanges.Create([Entry("a")], Entry("b", Sends("A", "a"), Sends("B", "b")));

        Assert.Equal(2, keywords.Count);
    }

    [Fact]
    public void Eleven_buttons_or_a_label_over_20_characters_or_a_plain_http_link_are_refused_naming_the_field()
    {
        var validator = new KeywordRequestValidator();
        TextsRequest Label(string ca) => new(ca, "es", "en");
        KeywordRequest With(params ButtonRequest[] buttons) =>
            new("x", new TermsRequest(["x"], null, null), new TextsRequest("a", "a", "a"), null, null, [.. buttons]);
        ButtonRequest[] Choices(int count) => [.. Enumerable.Range(1, count).Select(i => new ButtonRequest(Label($"{i}"), null, $"k{i}"))];

        // Up to ten: more than three go to WhatsApp as a list, which holds ten rows.
        Assert.Contains("buttons", validator.Validate(With(Choices(11))).Errors.Select(e => e.PropertyName));
        Assert.Empty(validator.Validate(With(Choices(10))).Errors);
        Assert.Equal(["Buttons[0].label.ca"], validator.Validate(With(new ButtonRequest(Label(new string('x', 21)), null, "a"))).Errors.Select(e => e.PropertyName));
        Assert.Equal(["Buttons[0].url"], validator.Validate(With(new ButtonRequest(Label("Web"), "http://example.org", null))).Errors.Select(e => e.PropertyName));
        Assert.Equal(["Buttons[0].url"], validator.Validate(With(new ButtonRequest(Label("Both"), "https://example.org", "a"))).Errors.Select(e => e.PropertyName));
        Assert.Empty(validator.Validate(With(new ButtonRequest(Label(new string('x', 20)), "https://example.org", null))).Errors);
    }
}

/// <summary>A reply with buttons as the WhatsApp Cloud API message body: reply buttons, a call-to-action link, links in the
/// text, and the text alone when the body is too long for an interactive message.</summary>
public sealed class WhatsAppButtonsTests
{
    private const string To = "34612345678";

    [Fact]
    public void Keyword_buttons_are_reply_buttons_and_a_link_next_to_them_is_written_in_the_body()
    {
        var message = WhatsAppButtons.Message(To, "Hola", [new ReplyButton("Web", "https://example.org", null), new ReplyButton("Horari", null, "k:horari", "HORARI")]);

        Assert.Equal(
            """{"messaging_product":"whatsapp","recipient_type":"individual","to":"34612345678","type":"interactive","interactive":{"type":"button","body":{"text":"Hola\n\nWeb: https://example.org"},"action":{"buttons":[{"type":"reply","reply":{"id":"k:horari","title":"Horari"}}]}}}""",
            message.ToJsonString());
    }

    [Fact]
    public void A_single_link_alone_is_a_call_to_action_button()
    {
        var message = WhatsAppButtons.Message(To, "Hola", [new ReplyButton("Demana cita", "https://example.org/cita", null)]);

        Assert.Equal(
            """{"type":"cta_url","body":{"text":"Hola"},"action":{"name":"cta_url","parameters":{"display_text":"Demana cita","url":"https://example.org/cita"}}}""",
            message["interactive"]!.ToJsonString());
    }

    [Fact]
    public void A_body_too_long_for_an_interactive_message_goes_as_text_with_the_words_to_send()
    {
        var text = new string('x', WhatsAppButtons.MaxBodyLength);

        var message = WhatsAppButtons.Message(To, text, [new ReplyButton("Horari", null, "k:horari", "HORARI"), new ReplyButton("Web", "https://example.org", null)]);

        Assert.Equal("text", message["type"]!.GetValue<string>());
        Assert.Equal(text + "\n\nWeb: https://example.org\nHorari: HORARI", message["text"]!["body"]!.GetValue<string>());
    }

    [Fact]
    public void More_than_three_keyword_buttons_are_the_rows_of_a_list_opened_by_a_button_in_the_citizens_language()
    {
        ReplyButton[] choices = [.. new[] { "horari", "padro", "cita", "tramit", "mobles" }.Select(c => new ReplyButton(c.ToUpperInvariant(), null, $"k:{c}", c.ToUpperInvariant()))];

        var message = WhatsAppButtons.Message(To, "Tria", [.. choices, new ReplyButton("Web", "https://example.org", null)], "es");

        Assert.Equal(
            """{"messaging_product":"whatsapp","recipient_type":"individual","to":"34612345678","type":"interactive","interactive":{"type":"list","body":{"text":"Tria\n\nWeb: https://example.org"},"action":{"button":"Ver opciones","sections":[{"title":"Elige una opción","rows":["""
            + """{"id":"k:horari","title":"HORARI"},{"id":"k:padro","title":"PADRO"},{"id":"k:cita","title":"CITA"},{"id":"k:tramit","title":"TRAMIT"},{"id":"k:mobles","title":"MOBLES"}]}]}}}""",
            message.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Three_keyword_buttons_stay_reply_buttons()
    {
        var message = WhatsAppButtons.Message(To, "Tria", [.. new[] { "a", "b", "c" }.Select(c => new ReplyButton(c, null, $"k:{c}", c))], "en");

        Assert.Equal("button", message["interactive"]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("ca", "Veure opcions", "Tria una opció")]
    [InlineData("es", "Ver opciones", "Elige una opción")]
    [InlineData("en", "See options", "Choose an option")]
    public void The_lists_button_and_title_are_worded_in_each_language_within_whatsapps_limits(string language, string button, string title)
    {
        var message = WhatsAppButtons.Message(To, "x", [.. Enumerable.Range(1, 4).Select(i => new ReplyButton($"{i}", null, $"k:k{i}"))], language);

        var action = message["interactive"]!["action"]!;
        Assert.Equal((button, title), (action["button"]!.GetValue<string>(), action["sections"]![0]!["title"]!.GetValue<string>()));
        Assert.True(button.Length <= WhatsAppButtons.MaxListButtonLength && title.Length <= WhatsAppButtons.MaxRowTitleLength);
    }

    [Fact]
    public void A_body_too_long_for_a_list_goes_as_text_with_the_words_to_send()
    {
        var text = new string('x', WhatsAppButtons.MaxListBodyLength + 1);

        var message = WhatsAppButtons.Message(To, text, [.. Enumerable.Range(1, 4).Select(i => new ReplyButton($"B{i}", null, $"k:k{i}", $"W{i}"))]);

        Assert.Equal(text + "\nB1: W1\nB2: W2\nB3: W3\nB4: W4", message["text"]!["body"]!.GetValue<string>());
    }

    [Fact]
    public void A_place_is_a_location_message_with_its_name_and_address()
    {
        var message = WhatsAppButtons.Location(To, new ReplyLocation(41.5386, 2.4449, "OAC", "La Riera, 48"));

        Assert.Equal("""{"latitude":41.5386,"longitude":2.4449,"name":"OAC","address":"La Riera, 48"}""", message["location"]!.ToJsonString());
    }
}

/// <summary>Presses read from the providers' wire formats: the data of one of our buttons, and Telegram's query to
/// acknowledge; a WhatsApp template's quick reply is not one of our buttons.</summary>
public sealed class ButtonPressReadingTests
{
    [Fact]
    public void A_telegram_callback_query_carries_its_data_and_the_query_to_acknowledge()
    {
        var press = Assert.IsType<Channels.InboundMessage>(Telegram.TelegramUpdates.Read("""
            {"update_id":11,"callback_query":{"id":"4382bfdwdsb323b2d9","from":{"id":77,"is_bot":false,"first_name":"A"},"chat_instance":"x","data":"k:horari",
             "message":{"message_id":5,"chat":{"id":5,"type":"private"},"date":1,"text":"Tria"}}}
            """u8).Update);

        Assert.Equal(("k:horari", "4382bfdwdsb323b2d9", "11"), (press.ButtonData, press.CallbackQueryId, press.DeliveryId));
    }

    [Fact]
    public void A_telegram_callback_query_without_data_is_still_a_press()
    {
        var press = Assert.IsType<Channels.InboundMessage>(Telegram.TelegramUpdates.Read("""
            {"update_id":12,"callback_query":{"id":"q","from":{"id":77,"is_bot":false,"first_name":"A"},"chat_instance":"x","game_short_name":"g"}}
            """u8).Update);

        Assert.Equal(("", "q", "77"), (press.ButtonData, press.CallbackQueryId, press.ChatId));
    }

    [Theory]
    [InlineData("""{"type":"button_reply","button_reply":{"id":"k:horari","title":"Horari"}}""")]
    [InlineData("""{"type":"list_reply","list_reply":{"id":"k:horari","title":"Horari","description":"x"}}""")]
    public void A_whatsapp_button_or_list_reply_carries_its_id_as_the_press_data(string interactive)
    {
        var body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"123\"},"
            + "\"messages\":[{\"from\":\"34612345678\",\"id\":\"wamid.1\",\"timestamp\":\"1\",\"type\":\"interactive\",\"interactive\":" + interactive + "}]}}]}]}";

        var press = Assert.IsType<Channels.InboundMessage>(WhatsApp.WhatsAppNotifications.Read(System.Text.Encoding.UTF8.GetBytes(body)).Items!.Single().Inbound);

        Assert.Equal(("k:horari", (string?)null), (press.ButtonData, press.CallbackQueryId));
    }

    [Fact]
    public void A_whatsapp_template_quick_reply_is_read_as_text_not_as_a_press()
    {
        var body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"123\"},"
            + "\"messages\":[{\"from\":\"34612345678\",\"id\":\"wamid.2\",\"timestamp\":\"1\",\"type\":\"button\",\"button\":{\"payload\":\"HORARI\",\"text\":\"Horari\"}}]}}]}]}";

        var reply = Assert.IsType<Channels.InboundMessage>(WhatsApp.WhatsAppNotifications.Read(System.Text.Encoding.UTF8.GetBytes(body)).Items!.Single().Inbound);

        Assert.Equal(("HORARI", (string?)null), (reply.Text, reply.ButtonData));
    }
}
