using Marten.Events.Aggregation;

namespace Omnichannel.Messaging.Conversations;

/// <summary>The conversations of a council, to find a citizen's chat (notices) and to list them (operators, later).</summary>
public sealed partial class ConversationView
{
    public string Id { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Account { get; set; } = "";
    public string ChatId { get; set; } = "";
    public string Language { get; set; } = "ca";
    public Guid? CitizenId { get; set; }
    public bool Blocked { get; set; }
    public int MessagesIn { get; set; }
    public int RepliesQueued { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastMessageAt { get; set; }
}

public sealed partial class ConversationViewProjection : SingleStreamProjection<ConversationView, string>
{
    public ConversationView Create(ConversationStarted e) => new()
    {
        Channel = e.Channel, Account = e.Account, ChatId = e.ChatId, Language = e.Language, CitizenId = e.CitizenId, StartedAt = e.At, LastMessageAt = e.At,
    };

    public ConversationView Apply(MessageReceived e, ConversationView view)
    {
        view.MessagesIn++;
        view.LastMessageAt = e.At;
        view.Blocked = false;
        return view;
    }

    public ConversationView Apply(ReplyQueued e, ConversationView view) { view.RepliesQueued++; return view; }
    // ReplySent is not handled on purpose: a reply's outcome then appends without loading and storing this view (one
    // round trip less per answer). The operators' ETag is the stream's version, read from the stream, not this view's.
    public ConversationView Apply(ChatBlocked e, ConversationView view) { view.Blocked = true; return view; }
    public ConversationView Apply(Linking.ConversationLinked e, ConversationView view) { view.CitizenId = e.CitizenId; return view; }
    public ConversationView Apply(ChatUnblocked e, ConversationView view) { view.Blocked = false; return view; }
}
