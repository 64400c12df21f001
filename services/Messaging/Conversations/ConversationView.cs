using Marten.Events.Aggregation;

namespace Omnichannel.Messaging.Conversations;

/// <summary>The conversations of a council, to find a citizen's chat (notices) and to list them (operators, later).
/// A reply's outcome (<see cref="ReplySent"/>) is not counted here: recording it then costs its commit no load of this
/// view (an inline projection reads the document before applying an event it handles).</summary>
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
    public ConversationView Apply(ChatBlocked e, ConversationView view) { view.Blocked = true; return view; }
    public ConversationView Apply(Linking.ConversationLinked e, ConversationView view) { view.CitizenId = e.CitizenId; return view; }
    public ConversationView Apply(ChatUnblocked e, ConversationView view) { view.Blocked = false; return view; }
}
