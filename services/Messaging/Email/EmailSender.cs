using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Marten;
using Microsoft.Extensions.Options;
using MimeKit;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Messaging.Sending;
using ChannelNames = Omnichannel.Contracts.Channels;

namespace Omnichannel.Messaging.Email;

/// <summary>
/// An answer by e-mail, through the mailbox's SMTP server with MailKit, threaded into the citizen's conversation: the
/// subject is theirs ("Re: …"), In-Reply-To names their latest message and References the thread, so their mail client
/// shows one thread and their next reply names our message. The Message-ID is made from the reply's id, so a send
/// retried after a crash carries the same one (receivers drop the duplicate), and it is indexed before sending so a
/// reply naming it finds the conversation. A 5xx (mailbox unknown, refused) is a failure; a server that cannot be
/// reached or answers 4xx throws, and the send is retried from the subscription's checkpoint.
/// </summary>
public sealed class EmailSender(IDocumentStore store, IOptions<EmailOptions> options, Media.ReplyMediaStore mediaStore, ILogger<EmailSender> logger,
    Conversations.ConversationKeys keys) : IChannelSender
{
    public string Channel => ChannelNames.Email;

    public Task<SendOutcome> SendTextAsync(string account, string chatId, string text, CancellationToken ct) =>
        SendAsync(new Outbound(keys.For(Channel, account, chatId), Guid.NewGuid(), account, chatId, text), ct);

    public async Task<SendOutcome> SendAsync(Outbound message, CancellationToken ct)
    {
        var mailbox = options.Value.Mailboxes.GetValueOrDefault(message.Account);
        if (mailbox is null || !mailbox.Smtp.IsComplete) return new SendOutcome.Failed("no-mailbox");
        if (!MailboxAddress.TryParse(message.ChatId, out var to)) return new SendOutcome.Failed("bad-address");

        // An operator's photo or document goes as the mail's attachment, under the name the operator's file was given.
        EmailFile? file = null;
        if (message.Media is { } media)
        {
            if (await mediaStore.FindAsync(media.Sha256, ct) is not { } content) return new SendOutcome.Failed("media-missing");
            file = new EmailFile(media.FileName, media.ContentType, content);
        }

        var messageId = $"{message.ReplyId:N}@{mailbox.Domain}";
        EmailThread? thread;
        await using (var session = store.OpenTenantSession())
        {
            thread = await session.LoadAsync<EmailThread>(message.StreamKey, ct);
            session.Store(new EmailSent { Id = messageId, StreamKey = message.StreamKey, Account = message.Account, ChatId = message.ChatId });
            await session.SaveChangesAsync(ct);
        }

        var mail = Compose(mailbox, to, messageId, thread, options.Value.DefaultSubject, message.Text, file);
        try
        {
            using var smtp = new SmtpClient();
            await smtp.ConnectAsync(mailbox.Smtp.Host!, mailbox.Smtp.Port, mailbox.Smtp.Security, ct);
            if (!string.IsNullOrEmpty(mailbox.Smtp.Username)) await smtp.AuthenticateAsync(mailbox.Smtp.Username, mailbox.Smtp.Password ?? "", ct);
            await smtp.SendAsync(mail, ct);
            await smtp.DisconnectAsync(true, ct);
            return new SendOutcome.Sent(messageId);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            logger.LogWarning("The SMTP server of mailbox {Mailbox} refused a message for good: {Status} {Error}", message.Account, (int)e.StatusCode, e.ErrorCode);
            return new SendOutcome.Failed(e.ErrorCode == SmtpErrorCode.RecipientNotAccepted ? "recipient-refused" : $"smtp-{(int)e.StatusCode}");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or SocketException or IOException or ServiceNotConnectedException)
        {
            throw new HttpRequestException($"The SMTP server of mailbox {message.Account} did not take the message ({e.GetType().Name}); it will be tried again.", e);
        }
    }

    /// <summary>The message as it leaves (pure): the thread's subject and ids, plain text in UTF-8.</summary>
    public static MimeMessage Compose(EmailMailbox mailbox, MailboxAddress to, string messageId, EmailThread? thread, string defaultSubject, string text, EmailFile? file = null)
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(mailbox.DisplayName ?? "", mailbox.Address));
        mail.To.Add(to);
        mail.MessageId = messageId;
        // "Re:" only when answering a message of the citizen's; a notice keeps its own subject.
        mail.Subject = thread?.Subject is not { Length: > 0 } subject ? defaultSubject
            : thread.LastMessageId is null || subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? subject
            : "Re: " + subject;
        if (thread?.LastMessageId is { Length: > 0 } last) mail.InReplyTo = last;
        foreach (var reference in thread?.References ?? []) mail.References.Add(reference);
        // Answers are machine-sent: an out-of-office that honours RFC 3834 does not answer them back.
        mail.Headers.Add(HeaderId.AutoSubmitted, "auto-generated");
        if (file is null) mail.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = text };
        else
        {
            var body = new BodyBuilder { TextBody = text };
            body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
            mail.Body = body.ToMessageBody();
        }
        return mail;
    }
}

/// <summary>A file an answer carries (an operator's photo or document).</summary>
public sealed record EmailFile(string FileName, string ContentType, byte[] Content);
