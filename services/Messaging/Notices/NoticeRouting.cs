using Omnichannel.Messaging.Conversations;
using ChannelNames = Omnichannel.Contracts.Channels;

namespace Omnichannel.Messaging.Notices;

public static class NoticeRouting
{
    /// <summary>The chat a notice goes to: the preferred channel's, else Telegram's, else WhatsApp's; the most recent first.</summary>
    public static ConversationView? Choose(IEnumerable<ConversationView> chats, string? preferredChannel) =>
        chats.OrderBy(c => c.Channel == preferredChannel ? 0 : c.Channel == ChannelNames.Telegram ? 1 : 2)
            .ThenByDescending(c => c.LastMessageAt)
            .FirstOrDefault();

    /// <summary>
    /// Where a notice is tried, in order (pure): the citizen's preferred channel first when they can be reached on it,
    /// then chat (a bot may only write to someone who wrote to it first, so a chat is one the citizen opened and has not
    /// blocked), then SMS to their phone, then e-mail — each only where the council has an account on that channel.
    /// </summary>
    public static IReadOnlyList<NoticeTarget> Route(IEnumerable<ConversationView> conversations, string? preferredChannel,
        string? phone, string? smsAccount, string? email, string? mailbox)
    {
        var targets = new List<NoticeTarget>();
        var chats = conversations.Where(c => !c.Blocked && c.Channel is ChannelNames.Telegram or ChannelNames.WhatsApp).ToList();
        while (Choose(chats, preferredChannel) is { } chat)
        {
            targets.Add(new NoticeTarget(chat.Channel, chat.Account, chat.ChatId));
            chats.RemoveAll(c => c.Channel == chat.Channel); // one chat per channel: the most recent
        }
        if (!string.IsNullOrEmpty(phone) && smsAccount is not null) targets.Add(new NoticeTarget(ChannelNames.Sms, smsAccount, phone));
        if (!string.IsNullOrEmpty(email) && mailbox is not null) targets.Add(new NoticeTarget(ChannelNames.Email, mailbox, email));
        return [.. targets.OrderBy(t => t.Channel == preferredChannel || preferredChannel == ChannelNames.Chat && t.Channel is ChannelNames.Telegram or ChannelNames.WhatsApp ? 0 : 1)];
    }
}
