using System.Globalization;
using Marten;
using MassTransit;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Conversations.Starting;
using ChannelNames = Omnichannel.Contracts.Channels;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Messaging.Notices;

/// <summary>
/// An appointment reminder, delivered in the citizen's chat: the conversation of theirs on their preferred chat
/// channel, else on Telegram, else on WhatsApp (a bot may only write to someone who wrote to it first, so a chat is
/// one the citizen opened). The reply is queued on that conversation in the same transaction as the message's
/// processed mark, so a redelivered event sends nothing twice; <see cref="Sending.ReplySubscription"/> sends it. A
/// citizen with no chat (or who blocked the bot) gets nothing here: e-mail and SMS come later.
/// </summary>
public sealed class AppointmentReminderNotice(IDocumentStore store, TimeProvider clock, ILogger<AppointmentReminderNotice> logger)
    : IdempotentConsumer<V1.AppointmentReminderDue>(store)
{
    protected override async Task HandleAsync(ConsumeContext<V1.AppointmentReminderDue> context, IDocumentSession session)
    {
        var reminder = context.Message;
        if (reminder.CitizenId is not { } citizen) return;
        var chats = await session.Query<ConversationView>().Where(c => c.CitizenId == citizen && !c.Blocked).ToListAsync(context.CancellationToken);
        var chat = NoticeRouting.Choose(chats, reminder.PreferredChannel);
        if (chat is null)
        {
            logger.LogInformation("An appointment reminder has no chat to go to (preferred channel {Channel})", reminder.PreferredChannel);
            return;
        }

        var language = LanguageDetection.Hint(reminder.Language) ?? chat.Language;
        var text = NoticeTexts.Reminder(language, reminder.AppointmentCode, reminder.StartsAt, reminder.OfficeAddress);
        var queued = new ReplyQueued(context.MessageId ?? Guid.NewGuid(), chat.Channel, chat.Account, chat.ChatId, text, ReplyReasons.Notice, null, clock.GetUtcNow());
        await session.AppendToLogAsync(chat.Id, context.CancellationToken, queued);
    }
}

public static class NoticeRouting
{
    /// <summary>The chat a notice goes to: the preferred channel's, else Telegram's, else WhatsApp's; the most recent first.</summary>
    public static ConversationView? Choose(IEnumerable<ConversationView> chats, string? preferredChannel) =>
        chats.OrderBy(c => c.Channel == preferredChannel ? 0 : c.Channel == ChannelNames.Telegram ? 1 : 2)
            .ThenByDescending(c => c.LastMessageAt)
            .FirstOrDefault();
}

public static class NoticeTexts
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    public static string Reminder(string language, string code, DateTimeOffset startsAt, string officeAddress)
    {
        var local = TimeZoneInfo.ConvertTime(startsAt, Madrid);
        var day = local.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return language switch
        {
            "es" => $"Recordatorio: tienes cita el {day} a las {time} h en {officeAddress} (código {code}). Si no puedes venir, anúlala para que otra persona pueda aprovecharla.",
            "en" => $"Reminder: you have an appointment on {day} at {time} at {officeAddress} (code {code}). If you cannot come, please cancel it so someone else can have it.",
            _ => $"Recordatori: tens cita el {day} a les {time} h a {officeAddress} (codi {code}). Si no pots venir, anul·la-la perquè una altra persona la pugui aprofitar.",
        };
    }
}
