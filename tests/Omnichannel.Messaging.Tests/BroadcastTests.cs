using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.Messaging.Broadcast.Alerts;
using Omnichannel.Messaging.Broadcast.Delivery;
using Omnichannel.Messaging.Broadcast.Membership;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Notices;
using Omnichannel.Testing;
using Omnichannel.Testing.Fakes;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Messaging.Tests;

/// <summary>Broadcast lists and alerts on real PostgreSQL and RabbitMQ, the providers faked over HTTP: join, leave and
/// STOP by message, alerts paced to the channel's limit (measured where the fake receives them), 429s honoured, no
/// second send after a stopped run, WhatsApp statuses out of order, and templates outside the 24-hour window.</summary>
[Collection(Collections.Clock)]
public sealed class BroadcastTests(MessagingPlatform platform)
{
    // xUnit makes the class anew for each test: each starts on the real clock.
    private readonly MessagingPlatform platform = platform.AtTheRealTime();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) } };

    private HttpClient Staff() => platform.Messaging.Client(platform.Tokens.Staff());

    private static string NewTopic() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A topic created through the staff's route, named "Obres {code}" / "Obras {code}" / "Roadworks {code}".</summary>
    private async Task<string> CreateTopicAsync(string? code = null)
    {
        code ??= NewTopic();
        using var staff = Staff();
        var response = await staff.PostAsJsonAsync("/api/messaging/topics", new
        {
            code,
            names = new { ca = $"Obres {code}", es = $"Obras {code}", en = $"Roadworks {code}" },
            descriptions = new { ca = "Talls de carrers", es = "Cortes de calles", en = "Street closures" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return code;
    }

    /// <summary>Members put on a list as their own messages would (events appended to their conversations), without
    /// a webhook round trip each: the list's documents follow from the events.</summary>
    private async Task SeedAsync(string topic, IEnumerable<(string Channel, string Account, string Chat, string Language)> members, DateTimeOffset lastMessage)
    {
        await using var session = platform.Messaging.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tokens.Tenant);
        foreach (var (channel, account, chat, language) in members)
            session.Events.StartStream(platform.ConversationKey(channel, account, chat),
                new ConversationStarted(channel, account, chat, language, null, lastMessage),
                new MessageReceived(Guid.NewGuid().ToString("N"), MessageKind.Text, "ALTA " + topic, null, null, null, lastMessage),
                new TopicJoined(topic, channel, account, chat, language, lastMessage));
        await session.SaveChangesAsync();
    }

    private async Task<AlertView> SendAsync(string path, string topic, string ca, string es, string en)
    {
        using var staff = Staff();
        var response = await staff.PostAsJsonAsync(path, new { topic, text = new { ca, es, en } });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AlertView>(Json))!;
    }

    private async Task<AlertView> ProgressAsync(Guid alertId)
    {
        using var staff = Staff();
        return (await staff.GetFromJsonAsync<AlertView>($"/api/messaging/alerts/{alertId}", Json))!;
    }

    private async Task<JsonElement> TopicAsync(string code)
    {
        using var staff = Staff();
        var topics = await staff.GetFromJsonAsync<JsonElement>("/api/messaging/topics");
        return topics.EnumerateArray().Single(t => t.GetProperty("code").GetString() == code);
    }

    private async Task<string> AnswerAsync(long chat, int count) =>
        (await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count >= count, TimeSpan.FromSeconds(20), $"answer {count}"))[count - 1].Text;

    [Fact]
    public async Task Citizens_join_leave_and_stop_by_message_in_catalan_spanish_and_english_and_a_redelivered_join_counts_once()
    {
        var topic = await CreateTopicAsync();
        long anna = Updates.NewChat(), pedro = Updates.NewChat(), john = Updates.NewChat();

        var join = Updates.Text(Updates.NewUpdateId(), anna, $"Alta  OBRES {topic.ToUpperInvariant()}", "ca");
        await platform.PostTelegramAsync(join);
        await platform.PostTelegramAsync(join); // Telegram redelivers it
        Assert.StartsWith("T'has donat d'alta dels avisos de «Obres", await AnswerAsync(anna, 1));
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), pedro, $"alta obras {topic}", "es"));
        Assert.StartsWith("Te has dado de alta de los avisos de «Obras", await AnswerAsync(pedro, 1));
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), john, $"JOIN {topic}", "en"));
        Assert.StartsWith("You have joined the alerts of \"Roadworks", await AnswerAsync(john, 1));
        Assert.Single((await platform.TelegramEventsAsync(anna)).OfType<TopicJoined>());
        Assert.Equal(3, (await TopicAsync(topic)).GetProperty("subscribers").GetInt32());

        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), pedro, $"BAJA {topic}", "es"));
        Assert.StartsWith("Ya no recibirás los avisos de «Obras", await AnswerAsync(pedro, 2));
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), john, "STOP", "en"));
        Assert.StartsWith("You will get no more alerts or campaigns", await AnswerAsync(john, 2));
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), anna, "Baixa", "ca"));
        Assert.StartsWith("T'hem donat de baixa de tots els avisos", await AnswerAsync(anna, 2));
        Assert.Equal(0, (await TopicAsync(topic)).GetProperty("subscribers").GetInt32());
        Assert.Equal([topic], Assert.Single((await platform.TelegramEventsAsync(john)).OfType<OptedOut>()).Topics);

        // The opt-outs are in the usage statistics.
        using var staff = Staff();
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd");
        var report = await staff.GetFromJsonAsync<JsonElement>($"/api/messaging/statistics?from={today}&to={DateTimeOffset.UtcNow.AddDays(1):yyyy-MM-dd}");
        Assert.True(report.GetProperty("optOuts").GetInt32() >= 2);

        // A keyword may not take the lists' words.
        var keyword = await staff.PostAsJsonAsync("/api/messaging/keywords", new
        {
            code = "alta-padro", terms = new { ca = new[] { "alta padro" } }, answer = new { ca = "a", es = "a", en = "a" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, keyword.StatusCode);
    }

    [Fact]
    public async Task Staff_rename_and_retire_a_topic_with_if_match_and_a_retired_topic_takes_no_alert()
    {
        var topic = await CreateTopicAsync();
        using var staff = Staff();
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/messaging/topics/{topic}")
        {
            Content = JsonContent.Create(new { names = new { ca = "Obres noves", es = "Obras nuevas", en = "New roadworks" } }),
        };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"7\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await staff.SendAsync(stale)).StatusCode);
        var rename = new HttpRequestMessage(HttpMethod.Put, $"/api/messaging/topics/{topic}")
        {
            Content = JsonContent.Create(new { names = new { ca = $"Obres noves {topic}", es = $"Obras nuevas {topic}", en = $"New roadworks {topic}" } }),
        };
        rename.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.OK, (await staff.SendAsync(rename)).StatusCode);
        Assert.Equal($"New roadworks {topic}", (await TopicAsync(topic)).GetProperty("names").GetProperty("en").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync("/api/messaging/topics", new
        {
            code = NewTopic(), names = new { ca = $"Obres noves {topic}", es = "x y", en = "x z" },
        })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/messaging/topics/{topic}/retirement", null)).StatusCode);
        var alert = await staff.PostAsJsonAsync("/api/messaging/alerts", new { topic, text = new { ca = "a", es = "a", en = "a" } });
        Assert.Equal(HttpStatusCode.Conflict, alert.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync("/api/messaging/alerts", new { topic = "nobody-knows", text = new { ca = "a", es = "a", en = "a" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/api/messaging/alerts", new { topic, text = new { ca = "a" } })).StatusCode);
        using var app = platform.Messaging.Client(platform.Tokens.ChannelApp());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync("/api/messaging/topics")).StatusCode);
    }

    [Fact]
    public async Task An_alert_reaches_each_member_once_in_their_language_never_over_the_channel_limit_and_a_429_is_waited_out()
    {
        var topic = await CreateTopicAsync();
        var languages = new[] { "ca", "es", "en" };
        var chats = Enumerable.Range(0, 36).Select(_ => Updates.NewChat()).ToList();
        await SeedAsync(topic, chats.Select((c, i) => ("telegram", MessagingAccounts.Bot, c.ToString(), languages[i % 3])), DateTimeOffset.UtcNow);
        var throttled = chats[5];
        platform.TelegramApi.RetryAfterSeconds = 2;
        platform.TelegramApi.Throttle(throttled);

        var alert = await SendAsync("/api/messaging/alerts", topic, $"Avís {topic}", $"Aviso {topic}", $"Alert {topic}");
        var received = await Eventually.Until(
            () => Task.FromResult(platform.TelegramApi.Messages.Where(m => m.Text.EndsWith(topic, StringComparison.Ordinal)).ToList()),
            m => m.Count >= chats.Count, TimeSpan.FromSeconds(60), "the alert at every member");

        Assert.All(chats.Select((c, i) => (c, i)), x => Assert.Equal(
            new[] { languages[x.i % 3] switch { "es" => $"Aviso {topic}", "en" => $"Alert {topic}", _ => $"Avís {topic}" } },
            received.Where(m => m.ChatId == x.c).Select(m => m.Text).ToArray()));
        // Never more than the limit within any second, as the provider counts arrivals.
        var times = received.Select(m => m.At).Order().ToList();
        var busiest = times.Select((t, i) => times.Skip(i).TakeWhile(u => u - t < TimeSpan.FromSeconds(1)).Count()).Max();
        Assert.InRange(busiest, 1, MessagingPlatform.BroadcastPerSecond);
        // The 429's retry_after was waited out before that chat's message was tried again.
        var refused = Assert.Single(platform.TelegramApi.TooManyRequests, r => r.ChatId == throttled);
        Assert.True(received.Single(m => m.ChatId == throttled).At - refused.At >= TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(50));

        var progress = await Eventually.Until(() => ProgressAsync(alert.AlertId), p => p.Stage == AlertStage.Done, TimeSpan.FromSeconds(30), "the alert done");
        Assert.Equal((chats.Count, chats.Count, 0), (progress.Recipients, progress.Sent, progress.Failed));
    }

    [Fact]
    public async Task A_run_stopped_in_the_middle_resumes_after_a_restart_without_a_second_send_to_anyone()
    {
        var topic = await CreateTopicAsync();
        var chats = Enumerable.Range(0, 24).Select(_ => Updates.NewChat()).ToList();
        await SeedAsync(topic, chats.Select(c => ("telegram", MessagingAccounts.Bot, c.ToString(), "ca")), DateTimeOffset.UtcNow);
        // An alert the dispatcher has not been woken for: this test runs it, as two lives of the process would.
        var alertId = Guid.NewGuid();
        var store = platform.Messaging.Services.GetRequiredService<IDocumentStore>();
        // The dispatcher idle (another test's alert finished), so that it does not pick this one up.
        await using (var query = platform.Query())
            await Eventually.Until(() => query.Query<Alert>().Where(a => a.Stage == AlertStage.Sending).CountAsync(), n => n == 0, TimeSpan.FromSeconds(60), "no alert under way");
        await using (var session = store.LightweightSession(Tokens.Tenant))
        {
            session.Insert(new Alert { Id = alertId, Council = Tokens.Tenant, Topic = topic, Text = new($"Tall {topic}", $"Corte {topic}", $"Cut {topic}"), CreatedAt = DateTimeOffset.UtcNow, Stage = AlertStage.Sending });
            await session.SaveChangesAsync();
        }
        var run = platform.Messaging.Services.GetRequiredService<AlertRun>();
        List<FakeTelegramBotApi.Sent> Received() => platform.TelegramApi.Messages.Where(m => m.Text == $"Tall {topic}").ToList();

        // First life: stopped after a few sends, mid-page (claimed members not yet recorded).
        using (var stop = new CancellationTokenSource())
        {
            var first = run.RunAsync(Tokens.Tenant, alertId, stop.Token);
            await Eventually.Until(() => Task.FromResult(Received()), m => m.Count >= 5, TimeSpan.FromSeconds(30), "a few sends");
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        }
        // Second life, and a third (a redelivered wake-up): the rest, and nobody twice.
        await run.RunAsync(Tokens.Tenant, alertId, CancellationToken.None);
        await run.RunAsync(Tokens.Tenant, alertId, CancellationToken.None);

        var progress = await ProgressAsync(alertId);
        Assert.Equal(AlertStage.Done, progress.Stage);
        Assert.Equal(chats.Count, progress.Recipients);
        var received = Received();
        Assert.All(received.GroupBy(m => m.ChatId), g => Assert.Single(g));
        // Every member was sent it, or is counted unconfirmed (claimed when the first life stopped): never both twice.
        Assert.Equal(chats.Count, progress.Sent + progress.Unconfirmed);
        Assert.True(progress.Sent > 0, "the second life sent the pages the first had not claimed");
        Assert.InRange(progress.Unconfirmed, 1, 2 * 8); // at most the page being sent and the one claimed ahead
        Assert.InRange(received.Count, progress.Sent, progress.Sent + progress.Unconfirmed);
    }

    [Fact]
    public async Task WhatsApp_statuses_arriving_out_of_order_leave_an_alert_recipient_read_and_count_in_the_progress()
    {
        var topic = await CreateTopicAsync();
        var waId = Notifications.NewWaId();
        // The citizen wrote an hour ago: inside the window, free text.
        await SeedAsync(topic, [("whatsapp", $"{MessagingAccounts.App}:{MessagingAccounts.PhoneNumberId}", waId, "es")], platform.Clock.GetUtcNow().AddHours(-1));
        platform.WhatsAppApi.CustomerWrote(waId, platform.Clock.GetUtcNow().AddHours(-1));

        var alert = await SendAsync("/api/messaging/alerts", topic, "Avís", $"Aviso de agua {topic}", "Alert");
        var sent = Assert.Single(await Eventually.Until(() => Task.FromResult(platform.WhatsAppApi.Messages.Where(m => m.To == waId).ToList()), m => m.Count == 1, TimeSpan.FromSeconds(30), "the alert"));
        Assert.Equal((null, $"Aviso de agua {topic}"), (sent.Template, sent.Text));
        await Eventually.Until(() => ProgressAsync(alert.AlertId), p => p.Sent == 1, TimeSpan.FromSeconds(30), "the send recorded");

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await platform.PostWhatsAppAsync(Notifications.Status(waId, sent.MessageId, "read", now));
        await platform.PostWhatsAppAsync(Notifications.Status(waId, sent.MessageId, "delivered", now - 2));
        await platform.PostWhatsAppAsync(Notifications.Status(waId, sent.MessageId, "sent", now - 3));
        await platform.PostWhatsAppAsync(Notifications.Status(waId, sent.MessageId, "read", now)); // redelivered

        var progress = await ProgressAsync(alert.AlertId);
        Assert.Equal((1, 1, 1, 1, 0), (progress.Recipients, progress.Sent, progress.Delivered, progress.Read, progress.Failed));
    }

    [Fact]
    public async Task Outside_the_24_hour_window_an_alert_goes_as_the_approved_template_which_the_fake_takes_while_it_refuses_free_text()
    {
        var topic = await CreateTopicAsync();
        var waId = Notifications.NewWaId();
        var twoDaysAgo = platform.Clock.GetUtcNow().AddDays(-2);
        await SeedAsync(topic, [("whatsapp", $"{MessagingAccounts.App}:{MessagingAccounts.PhoneNumberId}", waId, "en")], twoDaysAgo);
        platform.WhatsAppApi.CustomerWrote(waId, twoDaysAgo);

        // The fake keeps the window as Meta does: free text to this number is refused.
        using (var http = new HttpClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{platform.WhatsAppApi.BaseUrl}/{MessagingAccounts.PhoneNumberId}/messages")
            {
                Content = JsonContent.Create(new { messaging_product = "whatsapp", to = waId, type = "text", text = new { body = "Hello" } }),
            };
            request.Headers.Authorization = new("Bearer", platform.Accounts.AccessToken);
            var refused = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(131047, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetInt32());
        }

        var alert = await SendAsync("/api/messaging/alerts", topic, "Avís", "Aviso", $"Water cut\non Monday {topic}");
        var sent = Assert.Single(await Eventually.Until(() => Task.FromResult(platform.WhatsAppApi.Messages.Where(m => m.To == waId).ToList()), m => m.Count == 1, TimeSpan.FromSeconds(30), "the alert"));
        Assert.Equal((MessagingPlatform.AlertTemplate, "en_US", $"Water cut · on Monday {topic}"), (sent.Template, sent.TemplateLanguage, sent.Text));
        await Eventually.Until(() => ProgressAsync(alert.AlertId), p => p.Sent == 1, TimeSpan.FromSeconds(30), "the send recorded");
    }

    [Fact]
    public async Task A_notice_to_a_whatsapp_chat_silent_for_more_than_a_day_goes_as_the_notice_template()
    {
        var waId = Notifications.NewWaId();
        var citizen = await platform.RegisterCitizenAsync("es", whatsAppNumber: "+" + waId);
        await platform.PostWhatsAppAsync(Notifications.Text(waId, Notifications.NewMessageId(), "hola"));
        await Eventually.Until(() => Task.FromResult(platform.WhatsAppApi.Messages.Where(m => m.To == waId).ToList()), s => s.Count == 1, TimeSpan.FromSeconds(20), "the greeting's answer");

        platform.Clock.Offset = TimeSpan.FromHours(25);
        try
        {
            var messageId = Guid.NewGuid();
            await platform.Messaging.Services.GetRequiredService<IBus>().Publish(
                new V1.IncidentProgressed(Tokens.Tenant, DateTimeOffset.UtcNow, citizen, "whatsapp", Guid.NewGuid(), "I1234-56789", "answered", "La farola ya funciona."),
                c => c.MessageId = messageId);
            var sent = await Eventually.Until(() => Task.FromResult(platform.WhatsAppApi.Messages.Where(m => m.To == waId).ToList()), s => s.Count == 2, TimeSpan.FromSeconds(30), "the notice");
            Assert.Equal((MessagingPlatform.NoticeTemplate, "es"), (sent[1].Template, sent[1].TemplateLanguage));
            Assert.Contains("La farola ya funciona.", sent[1].Text);
            await using var session = platform.Query();
            await Eventually.Until(async () => await session.LoadAsync<NoticeView>(Notice.StreamKey(messageId)), n => n?.Status == NoticeStatus.Sent, TimeSpan.FromSeconds(30), "the notice sent");
        }
        finally
        {
            platform.Clock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_campaign_reaches_the_lists_members_and_skips_whoever_sent_stop()
    {
        var topic = await CreateTopicAsync();
        long keeps = Updates.NewChat(), stops = Updates.NewChat();
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), keeps, $"ALTA {topic}", "ca"));
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), stops, $"ALTA {topic}", "ca"));
        await AnswerAsync(keeps, 1);
        await AnswerAsync(stops, 1);
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), stops, "STOP", "ca"));
        await AnswerAsync(stops, 2);

        var campaign = await SendAsync("/api/messaging/campaigns", topic, $"Campanya de vacunació {topic}: vine dijous", "Campaña", "Campaign");
        Assert.Equal(AlertKind.Campaign, campaign.Kind);
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(keeps)), s => s.Count == 2, TimeSpan.FromSeconds(30), "the campaign");
        using var staff = Staff();
        var progress = await Eventually.Until(async () => (await staff.GetFromJsonAsync<AlertView>($"/api/messaging/campaigns/{campaign.AlertId}", Json))!,
            p => p.Stage == AlertStage.Done, TimeSpan.FromSeconds(30), "the campaign done");
        Assert.Equal((1, 1), (progress.Recipients, progress.Sent));
        Assert.Equal(2, platform.TelegramApi.To(stops).Count);
    }

    [Fact]
    public async Task A_campaign_to_last_years_citizens_of_a_procedure_reaches_them_on_their_chat_or_by_sms_and_nobody_else()
    {
        var procedure = "vaccination-" + Guid.NewGuid().ToString("N")[..6];
        var chat = Updates.NewChat();
        var onChat = await platform.RegisterCitizenAsync("es", telegramChatId: chat);
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "hola", "es"));
        await AnswerAsync(chat, 1);
        var phone = "+3466" + Random.Shared.Next(1_000_000, 9_999_999);
        var bySms = await platform.RegisterCitizenAsync("en", phone: phone);
        var otherPhone = "+3466" + Random.Shared.Next(1_000_000, 9_999_999);
        var tooEarly = await platform.RegisterCitizenAsync("ca", phone: otherPhone);
        var lastYear = new DateTimeOffset(2025, 10, 15, 9, 0, 0, TimeSpan.Zero);

        var bus = platform.Messaging.Services.GetRequiredService<IBus>();
        async Task CaseAsync(Guid citizen, DateTimeOffset at, string code)
        {
            var submitted = new V1.CaseSubmitted(Tokens.Tenant, at, citizen, "telegram", Guid.NewGuid(), "P" + Random.Shared.Next(100000, 999999), code);
            var id = Guid.NewGuid();
            await bus.Publish(submitted, c => c.MessageId = id);
            await bus.Publish(submitted, c => c.MessageId = id); // redelivered
        }
        await CaseAsync(onChat, lastYear, procedure);
        await CaseAsync(onChat, lastYear.AddDays(3), procedure); // a second case: still one message
        await CaseAsync(bySms, lastYear.AddDays(10), procedure);
        await CaseAsync(tooEarly, lastYear.AddYears(-2), procedure);
        await using (var session = platform.Query())
            await Eventually.Until(async () => await session.Query<Omnichannel.Messaging.Broadcast.Campaigns.CaseHolder>().Where(c => c.ProcedureCode == procedure).CountAsync(),
                n => n == 4, TimeSpan.FromSeconds(30), "the cases heard");

        using var staff = Staff();
        var response = await staff.PostAsJsonAsync("/api/messaging/campaigns", new
        {
            procedureCode = procedure, from = "2025-01-01", to = "2025-12-31",
            text = new { ca = "Torna la campanya: vine dijous", es = "Vuelve la campaña: ven el jueves", en = "The campaign is back: come on Thursday" },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var campaign = (await response.Content.ReadFromJsonAsync<AlertView>(Json))!;
        Assert.Equal((procedure, (string?)null), (campaign.ProcedureCode, campaign.Topic));

        Assert.Equal("Vuelve la campaña: ven el jueves", await AnswerAsync(chat, 2));
        var sms = await Eventually.Until(() => Task.FromResult(platform.SmsApi.Messages.Where(m => m.To == phone).ToList()), m => m.Count == 1, TimeSpan.FromSeconds(30), "the SMS");
        Assert.Equal("The campaign is back: come on Thursday", sms[0].Body);
        var progress = await Eventually.Until(async () => (await staff.GetFromJsonAsync<AlertView>($"/api/messaging/campaigns/{campaign.AlertId}", Json))!,
            p => p.Stage == AlertStage.Done, TimeSpan.FromSeconds(30), "the campaign done");
        Assert.Equal((2, 2), (progress.Recipients, progress.Sent));
        Assert.DoesNotContain(platform.SmsApi.Messages, m => m.To == otherPhone);
        Assert.Single(platform.TelegramApi.To(chat), m => m.Text.StartsWith("Vuelve", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/api/messaging/campaigns", new
        {
            procedureCode = procedure, text = new { ca = "a", es = "a", en = "a" },
        })).StatusCode);
    }

    [Fact]
    public async Task A_campaign_also_reaches_citizens_whose_cases_procedures_stored_before_messaging_heard_of_them()
    {
        var chat = Updates.NewChat();
        var citizen = await platform.RegisterCitizenAsync("ca", telegramChatId: chat);
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "hola", "ca"));
        await AnswerAsync(chat, 1);
        using (var client = platform.Procedures.Client(platform.Tokens.ChannelApp()))
            (await client.PostAsJsonAsync("/api/procedures/cases", new { procedureCode = "census-certificate", channel = "online", citizenId = citizen })).EnsureSuccessStatusCode();

        // Messaging hears of the case; then forgets it, as if the case had been submitted before it listened.
        var store = platform.Messaging.Services.GetRequiredService<IDocumentStore>();
        async Task<List<Omnichannel.Messaging.Broadcast.Campaigns.CaseHolder>> HeardAsync()
        {
            await using var query = store.QuerySession(Tokens.Tenant);
            return [.. await query.Query<Omnichannel.Messaging.Broadcast.Campaigns.CaseHolder>().Where(c => c.CitizenId == citizen).ToListAsync()];
        }
        var heard = await Eventually.Until(HeardAsync, c => c.Count == 1, TimeSpan.FromSeconds(30), "the case heard");
        await using (var session = store.LightweightSession(Tokens.Tenant))
        {
            session.Delete<Omnichannel.Messaging.Broadcast.Campaigns.CaseHolder>(heard[0].Id);
            await session.SaveChangesAsync();
        }
        Assert.Empty(await HeardAsync());

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var staff = Staff();
        var response = await staff.PostAsJsonAsync("/api/messaging/campaigns", new
        {
            procedureCode = "census-certificate", from = today.AddDays(-1).ToString("yyyy-MM-dd"), to = today.AddDays(1).ToString("yyyy-MM-dd"),
            text = new { ca = "Torna el padró: vine dijous", es = "Vuelve el padrón: ven el jueves", en = "The census is back: come on Thursday" },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        Assert.Equal("Torna el padró: vine dijous", await AnswerAsync(chat, 2));
        Assert.Equal(heard[0].Id, Assert.Single(await HeardAsync()).Id);
    }
}
