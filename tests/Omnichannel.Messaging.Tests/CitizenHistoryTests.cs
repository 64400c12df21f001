using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Messaging.Broadcast.Membership;
using Omnichannel.Messaging.Notices;
using Omnichannel.Testing;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Messaging.Tests;

/// <summary>Every conversation step that concerns a known citizen is in their history (the citizens service's one
/// history, from messaging's integration events): each notice and how it went, the lists they joined or left, STOP —
/// and nothing of a chat that is not linked to them.</summary>
[Collection(Collections.Notices)]
public sealed class CitizenHistoryTests(MessagingPlatform platform)
{
    private static readonly DateTimeOffset Tomorrow10 = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    private static V1.AppointmentReminderDue Reminder(Guid citizen, string code, string language, string preferred) => new(
        Tokens.Tenant, DateTimeOffset.UtcNow, citizen, null, Guid.NewGuid(), code, "census-registration", "connecta-space",
        "Carrer de la Riera, 48", Tomorrow10, language, preferred);

    private async Task<List<JsonElement>> HistoryAsync(Guid citizen, Func<List<JsonElement>, bool> until, string what)
    {
        using var staff = platform.Citizens.Client(platform.Tokens.Staff());
        return await Eventually.Until(async () =>
            (await staff.GetFromJsonAsync<JsonElement>($"/api/citizens/{citizen}/history?lang=ca&reason=citizen-request")).GetProperty("entries").EnumerateArray().ToList(),
            until, TimeSpan.FromSeconds(30), what);
    }

    private static bool Has(IEnumerable<JsonElement> entries, string kind) => entries.Any(e => e.GetProperty("kind").GetString() == kind);

    private static string Text(JsonElement entry) => entry.GetProperty("text").GetString()!;

    [Fact]
    public async Task A_reminder_delivered_to_a_linked_citizen_is_in_their_history_once_with_the_fallback_used_even_when_its_event_is_redelivered()
    {
        var chat = Updates.NewChat();
        var phone = "+3466" + Random.Shared.Next(1_000_000, 9_999_999);
        var citizen = await platform.RegisterCitizenAsync("ca", telegramChatId: chat, phone: phone);
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "hola"));
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count == 1, TimeSpan.FromSeconds(20), "the greeting's answer");
        platform.TelegramApi.Block(chat); // Telegram answers 403: the reminder falls back to SMS

        var bus = platform.Messaging.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        var reminder = Reminder(citizen, "C6666-66666", "ca", "telegram");
        await bus.Publish(reminder, c => c.MessageId = messageId);
        await bus.Publish(reminder, c => c.MessageId = messageId);
        var sms = Assert.Single(await Eventually.Until(() => Task.FromResult(platform.SmsApi.To(phone)), s => s.Count >= 1, TimeSpan.FromSeconds(30), "the reminder by SMS"));
        Assert.Equal(HttpStatusCode.OK, await platform.SmsApi.ReportAsync(sms, "delivered"));
        Assert.Equal(HttpStatusCode.OK, await platform.SmsApi.ReportAsync(sms, "delivered")); // a report twice: one line
        // The notice event delivered once more, after it was sent: nothing is sent or told again.
        await bus.Publish(reminder, c => c.MessageId = messageId);

        var entries = await HistoryAsync(citizen, e => Has(e, "notice-sent") && Has(e, "notice-delivered"), "the notice sent and delivered in the history");
        var sent = Assert.Single(entries, e => e.GetProperty("kind").GetString() == "notice-sent");
        Assert.Equal(("messaging", "sms", "T'hem enviat per SMS el recordatori de la cita (per Telegram no va arribar)."),
            (sent.GetProperty("service").GetString(), sent.GetProperty("channel").GetString(), Text(sent)));
        var delivered = Assert.Single(entries, e => e.GetProperty("kind").GetString() == "notice-delivered");
        Assert.Equal("T'ha arribat per SMS el recordatori de la cita.", Text(delivered));
        Assert.DoesNotContain(entries, e => Text(e).Contains(phone) || Text(e).Contains(chat.ToString()));
        // Still one of each once the redelivered event and the second report have been dealt with.
        await Eventually.Until(async () =>
        {
            await using var session = platform.Query();
            return await session.LoadAsync<NoticeView>(Notice.StreamKey(messageId));
        }, n => n?.Status == NoticeStatus.Delivered, TimeSpan.FromSeconds(20), "the notice delivered");
        Assert.Single(platform.SmsApi.To(phone));
        entries = await HistoryAsync(citizen, _ => true, "the history again");
        Assert.Single(entries, e => e.GetProperty("kind").GetString() == "notice-sent");
        Assert.Single(entries, e => e.GetProperty("kind").GetString() == "notice-delivered");
    }

    [Fact]
    public async Task A_notice_no_channel_reaches_is_in_the_history_as_failed()
    {
        var citizen = await platform.RegisterCitizenAsync("es");
        await platform.Messaging.Services.GetRequiredService<IBus>().Publish(Reminder(citizen, "C7777-77777", "es", ""), c => c.MessageId = Guid.NewGuid());
        var entries = await HistoryAsync(citizen, e => Has(e, "notice-failed"), "the failed notice in the history");
        Assert.Equal("No t'hem pogut fer arribar el recordatori de la cita (últim canal provat: cap canal).",
            Text(entries.Single(e => e.GetProperty("kind").GetString() == "notice-failed")));
    }

    [Fact]
    public async Task A_linked_citizens_topic_join_leave_and_stop_are_in_their_history_and_an_unlinked_chats_are_not()
    {
        var topic = "t" + Guid.NewGuid().ToString("N")[..10];
        using (var staff = platform.Messaging.Client(platform.Tokens.Staff()))
        {
            var created = await staff.PostAsJsonAsync("/api/messaging/topics", new
            {
                code = topic,
                names = new { ca = $"Obres {topic}", es = $"Obras {topic}", en = $"Roadworks {topic}" },
                descriptions = new { ca = "Talls de carrers", es = "Cortes de calles", en = "Street closures" },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Someone known to the council by e-mail writes from a chat that is not linked to them.
        var stranger = Updates.NewChat();
        var unlinked = await platform.RegisterCitizenAsync("ca", email: $"c.{Guid.NewGuid():N}"[..18] + "@example.org");
        foreach (var text in new[] { $"ALTA {topic}", "STOP" })
            await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), stranger, text));

        var chat = Updates.NewChat();
        var citizen = await platform.RegisterCitizenAsync("ca", telegramChatId: chat);
        foreach (var text in new[] { $"ALTA {topic}", $"BAIXA {topic}", $"ALTA {topic}", "STOP" })
            await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, text));

        var entries = await HistoryAsync(citizen, e => e.Count(x => x.GetProperty("kind").GetString() == "chat-topic-joined") == 2
            && Has(e, "chat-topic-left") && Has(e, "chat-opted-out"), "the joins, the leave and the STOP in the history");
        var joined = entries.First(e => e.GetProperty("kind").GetString() == "chat-topic-joined");
        // The list is named as the citizen knows it (its name in their language); its code stays the line's reference.
        Assert.Equal(("telegram", topic, $"T'has donat d'alta a la llista «Obres {topic}» per Telegram."),
            (joined.GetProperty("channel").GetString(), joined.GetProperty("reference").GetString(), Text(joined)));
        Assert.Equal($"T'has donat de baixa de la llista «Obres {topic}» per Telegram.", Text(entries.Single(e => e.GetProperty("kind").GetString() == "chat-topic-left")));
        Assert.Equal($"Has demanat per Telegram no rebre cap avís de les llistes: t'has donat de baixa de «Obres {topic}».",
            Text(entries.Single(e => e.GetProperty("kind").GetString() == "chat-opted-out")));

        // The unlinked chat's join and STOP were stored without a citizen, and the outbox publishes nothing for them.
        var steps = (await platform.TelegramEventsAsync(stranger)).Where(e => e is IMembershipEvent).ToList();
        Assert.Equal([typeof(TopicJoined), typeof(OptedOut)], steps.Select(e => e.GetType()));
        Assert.All(steps, e => Assert.Null(e switch { TopicJoined j => j.CitizenId, OptedOut o => o.CitizenId, _ => Guid.Empty }));
        using var staffReads = platform.Citizens.Client(platform.Tokens.Staff());
        var theirs = (await staffReads.GetFromJsonAsync<JsonElement>($"/api/citizens/{unlinked}/history?reason=citizen-request")).GetProperty("entries").EnumerateArray();
        Assert.DoesNotContain(theirs, e => e.GetProperty("service").GetString() == "messaging");
    }
}
