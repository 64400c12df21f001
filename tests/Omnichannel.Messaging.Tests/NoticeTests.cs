using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Notices;
using Omnichannel.Testing;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Messaging.Tests;

/// <summary>Notices from other services, delivered in the citizen's chat, each once.</summary>
[Collection(Collections.Notices)]
public sealed class NoticeTests(MessagingPlatform platform)
{
    private static readonly DateTimeOffset Tomorrow10 = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    private static V1.AppointmentReminderDue Reminder(Guid citizen, string code, string language = "ca") => new(
        Tokens.Tenant, DateTimeOffset.UtcNow, citizen, null, Guid.NewGuid(), code, "census-registration", "connecta-space",
        "Carrer de la Riera, 48", Tomorrow10, language, "telegram");

    /// <summary>A citizen who wrote to the bot in Spanish (and got its greeting), so a notice can reach the chat.</summary>
    private async Task<(Guid Citizen, long Chat)> SpanishCitizenWhoOpenedAChatAsync()
    {
        var chat = Updates.NewChat();
        var citizen = await platform.RegisterCitizenAsync("es", telegramChatId: chat);
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "hola"));
        await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count == 1, TimeSpan.FromSeconds(20), "the greeting's answer");
        return (citizen, chat);
    }

    [Fact]
    public async Task A_reminder_reaches_the_citizens_telegram_chat_once_even_when_the_event_is_delivered_twice()
    {
        var (citizen, chat) = await SpanishCitizenWhoOpenedAChatAsync();

        var bus = platform.Messaging.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        var first = Reminder(citizen, "C1111-11111", "es");
        await bus.Publish(first, c => c.MessageId = messageId);
        await bus.Publish(first, c => c.MessageId = messageId);
        await bus.Publish(Reminder(citizen, "C2222-22222", "es"), c => c.MessageId = Guid.NewGuid());

        var sent = await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count >= 3, TimeSpan.FromSeconds(30), "both reminders");
        var reminders = sent.Skip(1).Select(s => s.Text).ToList();
        Assert.Equal(2, reminders.Count);
        Assert.Single(reminders, r => r.Contains("C1111-11111"));
        Assert.Single(reminders, r => r.Contains("C2222-22222"));
        Assert.All(reminders, r => Assert.StartsWith("Recordatorio: tienes cita el 08/12/2026 a las 10:00 h en Carrer de la Riera, 48", r));
    }

    [Fact]
    public async Task A_freed_place_reaches_the_first_on_the_waiting_list_in_their_chat_and_language_once()
    {
        var (citizen, chat) = await SpanishCitizenWhoOpenedAChatAsync();

        // Appointments' waiting list told this citizen (first in line) that a place at 10:00 freed up, then one at 11:00
        // for a procedure the catalogue does not have (named by its code, not held back).
        var bus = platform.Messaging.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        var freed = new V1.WaitingListPlaceFreed(Tokens.Tenant, DateTimeOffset.UtcNow, citizen, null, "census-registration", "connecta-space",
            Tomorrow10, "es", "telegram");
        await bus.Publish(freed, c => c.MessageId = messageId);
        await bus.Publish(freed, c => c.MessageId = messageId);
        await bus.Publish(freed with { ProcedureCode = "not-in-the-catalogue", StartsAt = Tomorrow10.AddHours(1) }, c => c.MessageId = Guid.NewGuid());

        var sent = await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count >= 3, TimeSpan.FromSeconds(30), "both freed places told");
        var told = sent.Skip(1).Select(s => s.Text).ToList();
        Assert.Equal(2, told.Count);
        Assert.Single(told, t => t.StartsWith("Se ha liberado una hora para el trámite «Alta en el padrón por llegada al municipio»: el 08/12/2026 a las 10:00 h.", StringComparison.Ordinal));
        Assert.Single(told, t => t.StartsWith("Se ha liberado una hora para el trámite «not-in-the-catalogue»: el 08/12/2026 a las 11:00 h.", StringComparison.Ordinal));
        Assert.All(told, t => Assert.Contains("la primera persona que la pida se la queda", t));
    }

    [Fact]
    public async Task A_citizen_without_a_chat_gets_no_chat_message()
    {
        var citizen = await platform.RegisterCitizenAsync("ca");
        var before = platform.TelegramApi.Messages.Count;
        var messageId = Guid.NewGuid();
        await platform.Messaging.Services.GetRequiredService<IBus>().Publish(Reminder(citizen, "C3333-33333"), c => c.MessageId = messageId);
        // Consumed: its processed mark is saved (with no effect), and nothing was queued for any chat.
        await Eventually.Until(async () =>
        {
            await using var session = platform.Query();
            return await session.LoadAsync<ProcessedMessage>(ProcessedMessage.KeyFor(nameof(AppointmentReminderNotice), messageId));
        }, mark => mark is not null, TimeSpan.FromSeconds(20), "the reminder consumed");
        await using (var session = platform.Query())
        {
            var queued = await session.Events.QueryRawEventDataOnly<ReplyQueued>().ToListAsync();
            Assert.DoesNotContain(queued, q => q.Text.Contains("C3333-33333")); // saved with the mark, had it been queued
        }
        Assert.DoesNotContain(platform.TelegramApi.Messages.Skip(before), m => m.Text.Contains("C3333-33333"));
    }

    [Fact]
    public void A_notice_goes_to_the_preferred_chat_channel_else_telegram_else_whatsapp()
    {
        var telegram = new ConversationView { Id = "t", Channel = "telegram" };
        var whatsapp = new ConversationView { Id = "w", Channel = "whatsapp" };
        Assert.Equal("w", NoticeRouting.Choose([telegram, whatsapp], "whatsapp")!.Id);
        Assert.Equal("t", NoticeRouting.Choose([whatsapp, telegram], "email")!.Id);
        Assert.Equal("w", NoticeRouting.Choose([whatsapp], "")!.Id);
        Assert.Null(NoticeRouting.Choose([], "telegram"));
    }
}
