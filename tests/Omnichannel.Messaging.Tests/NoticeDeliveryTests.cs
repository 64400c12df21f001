using System.Net;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Notices;
using Omnichannel.Testing;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Messaging.Tests;

/// <summary>Notices on the citizen's preferred channel, falling back chat → SMS → e-mail, each sent once, their delivery tracked.</summary>
[Collection(Collections.Notices)]
public sealed class NoticeDeliveryTests(MessagingPlatform platform)
{
    private static readonly DateTimeOffset Tomorrow10 = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    private static V1.AppointmentReminderDue Reminder(Guid citizen, string code, string language, string preferred) => new(
        Tokens.Tenant, DateTimeOffset.UtcNow, citizen, null, Guid.NewGuid(), code, "census-registration", "connecta-space",
        "Carrer de la Riera, 48", Tomorrow10, language, preferred);

    private static string NewPhone() => "+3466" + Random.Shared.Next(1_000_000, 9_999_999);

    private static string NewEmail() => $"citizen.{Guid.NewGuid():N}"[..20] + "@example.org";

    private async Task PublishAsync<T>(T message, Guid messageId) where T : class =>
        await platform.Messaging.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = messageId);

    private async Task<NoticeView?> NoticeAsync(Guid messageId)
    {
        await using var session = platform.Query();
        return await session.LoadAsync<NoticeView>(Notice.StreamKey(messageId));
    }

    [Fact]
    public async Task A_reminder_for_a_citizen_with_only_email_arrives_by_email_in_their_language_once_even_when_delivered_twice()
    {
        var email = NewEmail();
        var citizen = await platform.RegisterCitizenAsync("es", email: email);
        var messageId = Guid.NewGuid();
        var reminder = Reminder(citizen, "C4444-44444", "es", "");
        await PublishAsync(reminder, messageId);
        await PublishAsync(reminder, messageId);

        var notice = await Eventually.Until(() => NoticeAsync(messageId), n => n?.Status == NoticeStatus.Sent, TimeSpan.FromSeconds(30), "the notice sent");
        Assert.Equal("email", notice!.Channel);
        Assert.False(notice.FallbackUsed);
        var mail = Assert.Single(await Eventually.Until(() => TestMailServer.ReceivedByAsync(email), m => m.Count >= 1, TimeSpan.FromSeconds(30), "the reminder by e-mail"));
        Assert.Equal("Recordatorio de cita", mail.Subject);
        Assert.Equal(platform.Mail.Address, mail.From.Mailboxes.Single().Address);
        Assert.StartsWith("Recordatorio: tienes cita el 08/12/2026 a las 10:00 h en Carrer de la Riera, 48 (código C4444-44444)", mail.TextBody);
    }

    [Fact]
    public async Task A_reminder_whose_chat_fails_falls_back_to_sms_and_the_delivery_report_marks_it_delivered()
    {
        var chat = Updates.NewChat();
        var phone = NewPhone();
        var citizen = await platform.RegisterCitizenAsync("ca", telegramChatId: chat, phone: phone);
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "hola"));
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count == 1, TimeSpan.FromSeconds(20), "the greeting's answer");
        platform.TelegramApi.Block(chat); // the citizen blocked the bot since: Telegram answers 403

        var messageId = Guid.NewGuid();
        await PublishAsync(Reminder(citizen, "C5555-55555", "ca", "telegram"), messageId);

        var sms = Assert.Single(await Eventually.Until(() => Task.FromResult(platform.SmsApi.To(phone)), s => s.Count >= 1, TimeSpan.FromSeconds(30), "the reminder by SMS"));
        Assert.StartsWith("Recordatori: tens cita el 08/12/2026 a les 10:00 h a Carrer de la Riera, 48 (codi C5555-55555)", sms.Body);
        var notice = await Eventually.Until(() => NoticeAsync(messageId), n => n?.Status == NoticeStatus.Sent, TimeSpan.FromSeconds(30), "the notice sent");
        Assert.Equal("sms", notice!.Channel);
        Assert.True(notice.FallbackUsed);
        Assert.Equal(["telegram:blocked", "sms:sent"], notice.Attempts);

        // A report signed with another key is refused and changes nothing; the provider's own marks it delivered.
        Assert.Equal(HttpStatusCode.Unauthorized, await platform.SmsApi.ReportAsync(sms, "delivered", signatureOverride: "bm90IGEgc2lnbmF0dXJl"));
        Assert.Equal(NoticeStatus.Sent, (await NoticeAsync(messageId))!.Status);
        Assert.Equal(HttpStatusCode.OK, await platform.SmsApi.ReportAsync(sms, "sent"));
        Assert.Equal(HttpStatusCode.OK, await platform.SmsApi.ReportAsync(sms, "delivered"));
        Assert.Equal(HttpStatusCode.OK, await platform.SmsApi.ReportAsync(sms, "delivered"));
        Assert.Equal(NoticeStatus.Delivered, (await NoticeAsync(messageId))!.Status);
    }

    [Fact]
    public async Task A_whatsapp_notice_is_marked_delivered_by_its_status_notification()
    {
        var waId = Notifications.NewWaId();
        var citizen = await platform.RegisterCitizenAsync("en", whatsAppNumber: "+" + waId);
        await platform.PostWhatsAppAsync(Notifications.Text(waId, Notifications.NewMessageId(), "hello"));
        await Eventually.Until(() => Task.FromResult(platform.WhatsAppApi.Messages.Where(m => m.To == waId).ToList()), s => s.Count == 1, TimeSpan.FromSeconds(20), "the greeting's answer");

        var messageId = Guid.NewGuid();
        await PublishAsync(new V1.IncidentProgressed(Tokens.Tenant, DateTimeOffset.UtcNow, citizen, "whatsapp", Guid.NewGuid(), "I1234-56789", "answered", "The lamp was repaired on Monday."), messageId);
        var sent = await Eventually.Until(() => Task.FromResult(platform.WhatsAppApi.Messages.Where(m => m.To == waId).ToList()), s => s.Count == 2, TimeSpan.FromSeconds(30), "the incident's answer");
        Assert.Equal("Answer to your incident I1234-56789: The lamp was repaired on Monday.", sent[1].Text);
        await Eventually.Until(() => NoticeAsync(messageId), n => n?.Status == NoticeStatus.Sent, TimeSpan.FromSeconds(30), "the notice sent");

        await platform.PostWhatsAppAsync(Notifications.Status(waId, sent[1].MessageId, "delivered", DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var notice = await NoticeAsync(messageId);
        Assert.Equal(NoticeStatus.Delivered, notice!.Status);
        Assert.Equal("whatsapp", notice.Channel);
    }

    [Fact]
    public async Task An_sms_reported_undelivered_falls_back_to_email()
    {
        var phone = NewPhone();
        var email = NewEmail();
        var citizen = await platform.RegisterCitizenAsync("en", phone: phone, email: email);
        var messageId = Guid.NewGuid();
        await PublishAsync(new V1.CaseStatusChanged(Tokens.Tenant, DateTimeOffset.UtcNow, citizen, null, Guid.NewGuid(), "T1234-56789", "census-certificate", "Resolved", null), messageId);

        var sms = Assert.Single(await Eventually.Until(() => Task.FromResult(platform.SmsApi.To(phone)), s => s.Count >= 1, TimeSpan.FromSeconds(30), "the notice by SMS"));
        Assert.Equal("Your case T1234-56789 is now resolved.", sms.Body);
        await Eventually.Until(() => NoticeAsync(messageId), n => n?.Status == NoticeStatus.Sent, TimeSpan.FromSeconds(30), "the SMS recorded as sent");
        Assert.Equal(HttpStatusCode.OK, await platform.SmsApi.ReportAsync(sms, "undelivered"));

        var mail = Assert.Single(await Eventually.Until(() => TestMailServer.ReceivedByAsync(email), m => m.Count >= 1, TimeSpan.FromSeconds(30), "the notice by e-mail"));
        Assert.Equal("Your case T1234-56789", mail.Subject);
        var notice = await NoticeAsync(messageId);
        Assert.Equal("email", notice!.Channel);
        Assert.True(notice.FallbackUsed);
    }

    [Fact]
    public async Task A_citizen_with_no_channel_at_all_gets_an_undeliverable_notice()
    {
        var citizen = await platform.RegisterCitizenAsync("ca");
        var messageId = Guid.NewGuid();
        await PublishAsync(new V1.TicketHolderIsNext(Tokens.Tenant, DateTimeOffset.UtcNow, citizen, "telegram", Guid.NewGuid(), "connecta-space", "general", "G-042"), messageId);
        var notice = await Eventually.Until(() => NoticeAsync(messageId), n => n is not null, TimeSpan.FromSeconds(30), "the notice recorded");
        Assert.Equal(NoticeStatus.Failed, notice!.Status);
        Assert.True(notice.Undeliverable);
    }

    [Fact]
    public void A_notice_is_tried_on_the_preferred_channel_then_chat_then_sms_then_email()
    {
        var telegram = new ConversationView { Channel = "telegram", Account = "citymes", ChatId = "1" };
        var whatsapp = new ConversationView { Channel = "whatsapp", Account = "mataro:1", ChatId = "34600" };
        string Order(string? preferred, params ConversationView[] chats) =>
            string.Join(",", NoticeRouting.Route(chats, preferred, "+34600", "sms", "a@example.org", "seu").Select(t => t.Channel));
        Assert.Equal("telegram,whatsapp,sms,email", Order(null, whatsapp, telegram));
        Assert.Equal("whatsapp,telegram,sms,email", Order("whatsapp", whatsapp, telegram));
        Assert.Equal("email,telegram,sms", Order("email", telegram));
        Assert.Equal("sms,email", Order("sms"));
        Assert.Equal("sms,email", Order("telegram"));
        Assert.Empty(NoticeRouting.Route([], "sms", null, "sms", null, "seu"));
        Assert.Equal("telegram", string.Join(",", NoticeRouting.Route([telegram], null, "+34600", null, "a@example.org", null).Select(t => t.Channel)));
    }

    [Fact]
    public void A_failed_step_falls_back_to_the_next_channel_and_the_last_makes_the_notice_undeliverable()
    {
        var id = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        NoticeTarget[] route = [new("telegram", "citymes", "1"), new("sms", "sms", "+34600")];
        var state = NoticeDecisions.Request(id, "k", Guid.NewGuid(), "ca", "s", "t", route, at).Aggregate(Notice.Initial, Notice.Evolve);
        var first = NoticeDecisions.Outcome(state, 0, false, "blocked", at);
        Assert.Equal([typeof(NoticeFailed), typeof(NoticeFellBack)], first.Select(e => e.GetType()));
        state = first.Aggregate(state, Notice.Evolve);
        Assert.Empty(NoticeDecisions.Outcome(state, 0, true, "late", at)); // a retried first step changes nothing now
        var second = NoticeDecisions.Outcome(state, 1, false, "twilio-21610", at);
        Assert.Equal([typeof(NoticeFailed), typeof(NoticeUndeliverable)], second.Select(e => e.GetType()));
    }
}
