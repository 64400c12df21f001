namespace Omnichannel.Messaging.Email;

/// <summary>
/// What an e-mail conversation needs to answer in the same thread: the citizen's subject and the ids of the messages so
/// far (In-Reply-To, References). One per conversation stream; written before the message that changes it is handed
/// to the conversation, so an answer queued with it always finds it.
/// </summary>
public sealed class EmailThread
{
    /// <summary>The conversation's stream key.</summary>
    public string Id { get; set; } = "";
    public string? Subject { get; set; }
    /// <summary>The Message-ID of the citizen's latest message (an answer's In-Reply-To).</summary>
    public string? LastMessageId { get; set; }
    /// <summary>The thread's message ids, oldest first, at most <see cref="MaxReferences"/> (RFC 5322 allows trimming the middle).</summary>
    public List<string> References { get; set; } = [];

    public const int MaxReferences = 20;

    public void Add(string messageId)
    {
        if (References.Contains(messageId)) return;
        References.Add(messageId);
        if (References.Count > MaxReferences) References.RemoveAt(1); // keep the first: it names the thread
    }
}

/// <summary>A message the council sent, by its Message-ID: a citizen's reply that names it (In-Reply-To, References)
/// lands in that conversation even when it comes from another address of theirs.</summary>
public sealed class EmailSent
{
    /// <summary>The Message-ID without its angle brackets.</summary>
    public string Id { get; set; } = "";
    public string StreamKey { get; set; } = "";
    public string Account { get; set; } = "";
    public string ChatId { get; set; } = "";
}

/// <summary>How far a mailbox's IMAP folder has been read: the UIDs below <see cref="NextUid"/> are done. Only a
/// shortcut — each message is applied once by its processed mark anyway — so losing it costs a re-read, not a resend.</summary>
public sealed class MailboxCursor
{
    /// <summary>The mailbox's name.</summary>
    public string Id { get; set; } = "";
    public uint UidValidity { get; set; }
    public uint NextUid { get; set; }
}
