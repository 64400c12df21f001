using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Operators;
using Omnichannel.Testing;
using Omnichannel.Testing.Fakes;

namespace Omnichannel.Messaging.Tests;

/// <summary>Hand-over to people through the webhooks and the operators' routes, with the service's clock put inside or
/// outside operator hours (Monday to Friday 8:00–19:00 by default, Europe/Madrid).</summary>
[Collection(Collections.Clock)]
public sealed class HandoverTests(MessagingPlatform platform)
{
    // xUnit makes the class anew for each test: each starts on the real clock.
    private readonly MessagingPlatform platform = platform.AtTheRealTime();

    /// <summary>A Monday at 10:00 in Mataró, and the Saturday before it.</summary>
    private static readonly DateTimeOffset MondayMorning = new(2026, 12, 14, 10, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset Saturday = new(2026, 12, 12, 10, 0, 0, TimeSpan.FromHours(1));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<IReadOnlyList<FakeTelegramBotApi.Sent>> AnswersAsync(long chat, int count) =>
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), sent => sent.Count >= count, TimeSpan.FromSeconds(20), $"{count} answers");

    private HttpClient Operator(string subject = "staff-ana") =>
        platform.Messaging.Client(TokenIssuer.Issue(platform.Tokens.Settings, OmnichannelRoles.Staff, Tokens.Tenant, subject, TimeSpan.FromHours(1)));

    private async Task<JsonElement> WaitingAsync(Guid handoverId)
    {
        using var client = Operator();
        return await Eventually.Until(async () =>
        {
            var list = await client.GetFromJsonAsync<JsonElement>("/api/messaging/operators/handovers?stage=waiting");
            return list.EnumerateArray().FirstOrDefault(i => i.GetProperty("handoverId").GetGuid() == handoverId);
        }, item => item.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(10), "the hand-over in the inbox");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body = null, long? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is { } version) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task In_operator_hours_an_unanswered_message_reaches_the_inbox_and_an_operator_claims_answers_and_closes_it()
    {
        platform.Clock.MoveTo(MondayMorning);
        var chat = Updates.NewChat();
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "Bon dia, el contenidor del meu carrer fa dies que no es buida"));
        Assert.Equal(OperatorTexts.HandedOver.Ca, (await AnswersAsync(chat, 1))[0].Text);

        var handedOver = Assert.Single((await platform.TelegramEventsAsync(chat)).OfType<HandedOver>());
        var item = await WaitingAsync(handedOver.HandoverId);
        Assert.Equal(("telegram", "waiting", "unanswered"), (item.GetProperty("channel").GetString(), item.GetProperty("stage").GetString(), item.GetProperty("reason").GetString()));

        using var ana = Operator("staff-ana");
        var detail = await ana.GetAsync($"/api/messaging/operators/handovers/{handedOver.HandoverId}?reason=citizen-request");
        var transcript = (await detail.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transcript");
        Assert.Contains(transcript.EnumerateArray(), l => l.GetProperty("from").GetString() == "citizen" && l.GetProperty("text").GetString()!.Contains("contenidor"));
        var version = long.Parse(detail.Headers.ETag!.Tag.Trim('"'));

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await PostAsync(ana, $"/api/messaging/operators/handovers/{handedOver.HandoverId}/claim", ifMatch: version - 1)).StatusCode);
        platform.Clock.MoveTo(MondayMorning.AddMinutes(4));
        var claim = await PostAsync(ana, $"/api/messaging/operators/handovers/{handedOver.HandoverId}/claim", ifMatch: version);
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        using var pau = Operator("staff-pau");
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(pau, $"/api/messaging/operators/handovers/{handedOver.HandoverId}/claim")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(pau, $"/api/messaging/operators/handovers/{handedOver.HandoverId}/replies", new { text = "Hola" })).StatusCode);

        var reply = await PostAsync(ana, $"/api/messaging/operators/handovers/{handedOver.HandoverId}/replies", new { text = "Avisem el servei de neteja avui mateix." });
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal("Avisem el servei de neteja avui mateix.", (await AnswersAsync(chat, 2))[1].Text);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(ana, $"/api/messaging/operators/handovers/{handedOver.HandoverId}/closing")).StatusCode);
        var events = await platform.TelegramEventsAsync(chat);
        Assert.InRange(Assert.Single(events.OfType<HandoverClaimed>()).Waited, TimeSpan.FromMinutes(3.5), TimeSpan.FromMinutes(4.5));
        Assert.NotNull(Assert.Single(events.OfType<OperatorReplied>()).FirstAnswerAfter);
        Assert.Equal("staff-ana", Assert.Single(events.OfType<HandoverClosed>()).Operator);
        using var list = Operator();
        var open = await list.GetFromJsonAsync<JsonElement>("/api/messaging/operators/handovers");
        Assert.DoesNotContain(open.EnumerateArray(), i => i.GetProperty("handoverId").GetGuid() == handedOver.HandoverId);
    }

    [Fact]
    public async Task A_known_citizens_conversation_and_its_hand_over_show_in_their_history()
    {
        platform.Clock.MoveTo(MondayMorning);
        var chat = Updates.NewChat();
        var anna = await platform.RegisterCitizenAsync("es", telegramChatId: chat);
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "Necesito ayuda con una multa", "es"));
        await AnswersAsync(chat, 1);

        using var staff = platform.Citizens.Client(platform.Tokens.Staff());
        var entries = await Eventually.Until(async () =>
            (await staff.GetFromJsonAsync<JsonElement>($"/api/citizens/{anna}/history?reason=citizen-request")).GetProperty("entries").EnumerateArray().ToList(),
            // Two events on two queues: either line may arrive first.
            e => e.Any(x => x.GetProperty("kind").GetString() == "chat-handed-over") && e.Any(x => x.GetProperty("kind").GetString() == "chat-started"),
            TimeSpan.FromSeconds(30), "the conversation's start and its hand-over in the history");
        var line = entries.Single(x => x.GetProperty("kind").GetString() == "chat-handed-over");
        Assert.Equal(("messaging", "telegram", "Tu conversación por Telegram ha pasado a una persona de la oficina."),
            (line.GetProperty("service").GetString(), line.GetProperty("channel").GetString(), line.GetProperty("text").GetString()));
        Assert.Single(entries, x => x.GetProperty("kind").GetString() == "chat-started");
    }

    [Fact]
    public async Task An_operator_opening_a_known_citizens_conversation_says_why_and_the_read_is_in_the_access_log()
    {
        platform.Clock.MoveTo(MondayMorning);
        var chat = Updates.NewChat();
        var anna = await platform.RegisterCitizenAsync("es", telegramChatId: chat);
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "Necesito ayuda con una multa de aparcamiento", "es"));
        await AnswersAsync(chat, 1);
        var handedOver = Assert.Single((await platform.TelegramEventsAsync(chat)).OfType<HandedOver>());
        await WaitingAsync(handedOver.HandoverId);

        using var ana = Operator("staff-ana");
        var unexplained = await ana.GetAsync($"/api/messaging/operators/handovers/{handedOver.HandoverId}");
        Assert.Equal(HttpStatusCode.BadRequest, unexplained.StatusCode);
        Assert.True((await unexplained.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, (await ana.GetAsync($"/api/messaging/operators/handovers/{handedOver.HandoverId}?reason=citizen-request")).StatusCode);

        using var officer = platform.Messaging.Client(platform.Tokens.DataProtectionOfficer());
        var log = await officer.GetFromJsonAsync<JsonElement>($"/api/messaging/access-log?citizenId={anna}");
        Assert.True(log.GetProperty("intact").GetBoolean());
        var entry = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal(("staff-ana", "conversation", "citizen-request"),
            (entry.GetProperty("who").GetString(), entry.GetProperty("what").GetString(), entry.GetProperty("why").GetString()));
    }

    [Fact]
    public async Task Outside_operator_hours_asking_for_a_person_gets_the_hours_and_the_keyword_list()
    {
        platform.Clock.MoveTo(Saturday);
        var chat = Updates.NewChat();
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "OPERADOR", "es"));
        var answer = (await AnswersAsync(chat, 1))[0].Text;
        Assert.StartsWith("Ahora no hay nadie para atenderte: las personas de la oficina responden de lunes a viernes de 08:00 a 19:00.", answer);
        Assert.Contains("Palabras clave (funcionan 24 horas):", answer);
        Assert.Empty((await platform.TelegramEventsAsync(chat)).OfType<HandedOver>());
    }

    [Fact]
    public async Task The_operators_routes_are_for_staff_only()
    {
        using var app = platform.Messaging.Client(platform.Tokens.ChannelApp());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync("/api/messaging/operators/handovers")).StatusCode);
        using var anonymous = platform.Messaging.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/messaging/operators/handovers")).StatusCode);
        using var staff = Operator();
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/messaging/operators/handovers?stage=lost")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(staff, $"/api/messaging/operators/handovers/{Guid.NewGuid()}/claim")).StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_codes_are_throttled_with_no_look_up_until_the_window_has_passed()
    {
        platform.Clock.MoveTo(MondayMorning);
        var chat = Updates.NewChat();
        for (var i = 1; i <= 5; i++)
        {
            await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "CITA C0000-00000", "es"));
            await AnswersAsync(chat, i);
        }
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "CITA C0000-00000", "es"));
        var sixth = (await AnswersAsync(chat, 6))[5].Text;
        Assert.Equal(Omnichannel.Messaging.CodeThrottling.WrongCodeThrottle.TryLater.Es, sixth);
        Assert.Equal(5, (await platform.TelegramEventsAsync(chat)).OfType<WrongCodeGiven>().Count());

        platform.Clock.MoveTo(MondayMorning.AddMinutes(16));
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "CITA C0000-00000", "es"));
        Assert.Equal("No encontramos nada con este código para ti. Revísalo y vuelve a probar.", (await AnswersAsync(chat, 7))[6].Text);
    }
}
