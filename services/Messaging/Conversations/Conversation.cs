using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Messaging.Channels;

namespace Omnichannel.Messaging.Conversations;

// What happened in a conversation: one stream per channel identity (channel, account, chat).
public sealed record ConversationStarted([NotPersonal] string Channel, [NotPersonal] string Account, [Personal] string ChatId, [NotPersonal] string Language, Guid? CitizenId, DateTimeOffset At);
public sealed record MessageReceived([NotPersonal] string DeliveryId, MessageKind Kind, [Personal] string? Text, [Personal] GeoPoint? Location, [Personal] string? MediaId, [Personal] string? ContactPhone, DateTimeOffset At)
{
    /// <summary>The files the message carried that were taken (an e-mail's attachments; bytes by hash in <see cref="Email.InboundMediaStore"/>).</summary>
    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];
    /// <summary>The files refused (the citizen was told which and why).</summary>
    public IReadOnlyList<RefusedAttachment> RefusedAttachments { get; init; } = [];
}
/// <summary>An answer to send; <see cref="Sending.ReplySubscription"/> sends it and records how it went.</summary>
public sealed record ReplyQueued(Guid ReplyId, [NotPersonal] string Channel, [NotPersonal] string Account, [Personal] string ChatId, [Personal] string Text, [NotPersonal] string Reason, [NotPersonal] string? Keyword, DateTimeOffset At)
{
    /// <summary>A photo or document the reply carries (an operator's), its <see cref="Text"/> then the caption.</summary>
    public Media.OutboundMedia? Media { get; init; }
    /// <summary>Buttons under the text (a keyword's answer), in the conversation's language.</summary>
    public IReadOnlyList<Buttons.ReplyButton> Buttons { get; init; } = [];
    /// <summary>A place shown on a map after the text (a keyword's answer).</summary>
    public Buttons.ReplyLocation? Location { get; init; }
}
public sealed record ReplySent(Guid ReplyId, [NotPersonal] string? ProviderMessageId, DateTimeOffset At);
public sealed record ReplyFailed(Guid ReplyId, [NotPersonal] string Reason, DateTimeOffset At);
public sealed record ChatBlocked(DateTimeOffset At);
public sealed record ChatUnblocked(DateTimeOffset At);
public sealed record DeliveryStatusChanged([NotPersonal] string ProviderMessageId, DeliveryStatus Status, DateTimeOffset At);

/// <summary>Why a reply was queued (statistics, later, count them by reason).</summary>
public static class ReplyReasons
{
    public const string Keyword = "keyword";
    public const string KeywordList = "keyword-list";
    public const string CodeStatus = "code-status";
    public const string Unanswered = "unanswered";
    public const string Notice = "notice";
    // The operators' side (services/Messaging/Operators) and the wrong-code throttle (CodeThrottling).
    public const string OperatorRequested = "operator-requested";
    public const string HandedOver = "handed-over";
    public const string OutOfHours = "out-of-hours";
    public const string Operator = "operator";
    public const string WrongCode = "wrong-code";
    public const string CodeThrottled = "code-throttled";
    public const string ComplaintKeyword = "complaint-keyword";
    public const string Complaint = "complaint";
    // Linking a chat to a citizen by keyword + personal code (services/Messaging/Linking).
    public const string Linked = "linked";
    // The broadcast lists (services/Messaging/Broadcast): a join, leave or STOP answered.
    public const string Membership = "membership";
    // An e-mail's attachments refused (type by content, size): the citizen is told which and why.
    public const string AttachmentsRefused = "attachments-refused";
}

/// <summary>A conversation as its decisions need it.</summary>
public sealed record Conversation(
    bool Started, string Channel, string Account, string ChatId, string Language, Guid? CitizenId, bool Blocked,
    IReadOnlyDictionary<string, DeliveryStatus> Deliveries)
{
    public static readonly Conversation Initial = new(false, "", "", "", "ca", null, false, new Dictionary<string, DeliveryStatus>());

    /// <summary>The operators' side: hand-over and wrong codes (services/Messaging/Operators).</summary>
    public Operators.DeskState Desk { get; init; } = Operators.DeskState.Initial;

    /// <summary>The broadcast lists it joined, and whether it opted out of everything (services/Messaging/Broadcast).</summary>
    public Broadcast.Membership.MembershipState Membership { get; init; } = Broadcast.Membership.MembershipState.Initial;

    // One stream per channel identity, keyed by a pseudonym of the chat (ConversationKeys): the chat id is an identity, it
    // stays in the event store's personal fields, out of keys, URLs and logs.

    public static Conversation Evolve(Conversation state, object e) => e switch
    {
        ConversationStarted s => state with { Started = true, Channel = s.Channel, Account = s.Account, ChatId = s.ChatId, Language = s.Language, CitizenId = s.CitizenId },
        ReplySent r when r.ProviderMessageId is { } id => state with { Deliveries = With(state.Deliveries, id, DeliveryStatus.Sent) },
        DeliveryStatusChanged d => state with { Deliveries = With(state.Deliveries, d.ProviderMessageId, d.Status) },
        Operators.IDeskEvent d => state with { Desk = Operators.DeskState.Evolve(state.Desk, d) },
        Linking.ConversationLinked l => state with { CitizenId = l.CitizenId },
        Broadcast.Membership.IMembershipEvent m => state with { Membership = Broadcast.Membership.MembershipState.Evolve(state.Membership, m) },
        ChatBlocked => state with { Blocked = true },
        ChatUnblocked => state with { Blocked = false },
        // A citizen who writes again has unblocked the bot (Telegram only lets them write then).
        MessageReceived => state with { Blocked = false },
        _ => state,
    };

    private static IReadOnlyDictionary<string, DeliveryStatus> With(IReadOnlyDictionary<string, DeliveryStatus> known, string id, DeliveryStatus status) =>
        new Dictionary<string, DeliveryStatus>(known) { [id] = status };
}

/// <summary>Who is starting a conversation, as found before deciding: the language to speak and the citizen, when known.</summary>
public sealed record Opening(string Channel, string Account, string ChatId, string Language, Guid? CitizenId);

/// <summary>A reply decided for a message (text in the conversation's language).</summary>
public sealed record Reply(string Text, string Reason, string? Keyword)
{
    /// <summary>A keyword's buttons and place (services/Messaging/Buttons).</summary>
    public IReadOnlyList<Buttons.ReplyButton> Buttons { get; init; } = [];
    public Buttons.ReplyLocation? Location { get; init; }
}

public static class ConversationDecisions
{
    /// <summary>A message arrives: the conversation starts if new, the message is kept, the reply (if any) is queued.</summary>
    public static IReadOnlyList<object> Receive(Conversation state, Opening opening, InboundMessage message, Reply? reply, Guid replyId, DateTimeOffset at)
    {
        var events = new List<object>();
        if (!state.Started) events.Add(new ConversationStarted(opening.Channel, opening.Account, opening.ChatId, opening.Language, opening.CitizenId, at));
        events.Add(new MessageReceived(message.DeliveryId, message.Kind, SafeText.Of(message.Text), message.Location, SafeText.Of(message.MediaId), SafeText.Of(message.ContactPhone), at)
        {
            Attachments = message.Attachments, RefusedAttachments = message.RefusedAttachments,
        });
        if (reply is not null)
            events.Add(new ReplyQueued(replyId, opening.Channel, opening.Account, opening.ChatId, reply.Text, reply.Reason, reply.Keyword, at)
            {
                Buttons = reply.Buttons, Location = reply.Location,
            });
        return events;
    }

    /// <summary>The citizen blocked or unblocked the bot: nothing is sent while blocked. Repeating the known state changes nothing.</summary>
    public static IReadOnlyList<object> Block(Conversation state, bool blocked, DateTimeOffset at) =>
        !state.Started || state.Blocked == blocked ? [] : blocked ? [new ChatBlocked(at)] : [new ChatUnblocked(at)];

    /// <summary>A delivery status: statuses arrive out of order (a "read" before its "delivered"), so only a step
    /// forward is kept; a failure is kept unless the message was already read.</summary>
    public static IReadOnlyList<object> Status(Conversation state, string providerMessageId, DeliveryStatus status, DateTimeOffset at)
    {
        var known = state.Deliveries.TryGetValue(providerMessageId, out var k) ? k : (DeliveryStatus?)null;
        var forward = known is null || (status == DeliveryStatus.Failed ? known != DeliveryStatus.Read && known != DeliveryStatus.Failed : status > known && known != DeliveryStatus.Failed);
        return state.Started && forward ? [new DeliveryStatusChanged(providerMessageId, status, at)] : [];
    }
}

/// <summary>Text from a chat, made safe to store: PostgreSQL refuses NUL, no field of the platform holds more than
/// 4000 characters (the text policy), and a cut never splits a surrogate pair.</summary>
public static class SafeText
{
    public const int MaxLength = 4000;

    public static string? Of(string? text)
    {
        if (text is null) return null;
        var clean = new string(text.Where(c => !char.IsControl(c) || c is '\t' or '\r' or '\n').ToArray());
        if (clean.Length <= MaxLength) return clean;
        var cut = char.IsHighSurrogate(clean[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return clean[..cut];
    }
}
