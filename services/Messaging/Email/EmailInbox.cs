using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Conversations.Receiving;
using ChannelNames = Omnichannel.Contracts.Channels;

namespace Omnichannel.Messaging.Email;

/// <summary>
/// Reads a council mailbox's IMAP folder for citizens' mail, from the UID after the last one read. Each message goes to
/// the conversation like a chat message (<see cref="ReceiveInbound"/>: its processed mark — the mailbox and the
/// Message-ID — is saved in the same transaction as the conversation's events, so a message read twice, after a lost
/// cursor or by two pollers, is applied once). A reply that names a message of ours (In-Reply-To, References) lands in
/// that conversation even from another address. Mail is left in the folder (the council's staff read it too).
/// </summary>
public sealed class EmailInbox(IDocumentStore store, IOptions<EmailOptions> options, IOptions<EmailAttachmentOptions> attachments, InboundMediaStore media,
    IServiceScopeFactory scopes, ILogger<EmailInbox> logger, ConversationKeys keys)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    /// <summary>Reads what arrived in one mailbox; returns how many messages were handed to conversations.</summary>
    public async Task<int> PollAsync(string name, CancellationToken ct)
    {
        var mailbox = options.Value.Mailboxes.GetValueOrDefault(name);
        if (mailbox is null || !mailbox.Imap.IsComplete) return 0;
        var gate = gates.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return await ReadAsync(name, mailbox, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<int> ReadAsync(string name, EmailMailbox mailbox, CancellationToken ct)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync(mailbox.Imap.Host!, mailbox.Imap.Port, mailbox.Imap.Security, ct);
        if (!string.IsNullOrEmpty(mailbox.Imap.Username)) await imap.AuthenticateAsync(mailbox.Imap.Username, mailbox.Imap.Password ?? "", ct);
        var folder = await imap.GetFolderAsync(mailbox.ImapFolder, ct);
        await folder.OpenAsync(FolderAccess.ReadOnly, ct);

        MailboxCursor cursor;
        await using (var query = store.QuerySession(mailbox.Council))
            cursor = await query.LoadAsync<MailboxCursor>(name, ct) ?? new MailboxCursor { Id = name };
        // A new UIDVALIDITY renumbers the folder: read it all again (the processed marks skip what was done).
        if (cursor.UidValidity != folder.UidValidity) cursor = new MailboxCursor { Id = name, UidValidity = folder.UidValidity, NextUid = 1 };

        // SEARCH ALL, not a UID range: the simplest query every server answers (smtp4dev's IMAP drops the connection on a
        // UID SEARCH criterion); the UIDs already read are skipped here.
        var uids = await folder.SearchAsync(SearchQuery.All, ct);
        var handed = 0;
        foreach (var uid in uids.Where(u => u.Id >= cursor.NextUid).OrderBy(u => u.Id))
        {
            var mail = await folder.GetMessageAsync(uid, ct);
            var read = EmailReading.Read(mail, mailbox.Address, $"imap-{folder.UidValidity}-{uid.Id}", out var ignored, attachments.Value);
            if (read is null)
                logger.LogInformation("Mail {Uid} in mailbox {Mailbox} ignored ({Why})", uid.Id, name, ignored);
            else
            {
                await HandAsync(name, mailbox, read, ct);
                handed++;
            }
            cursor.NextUid = uid.Id + 1;
            await using var session = store.LightweightSession(mailbox.Council);
            session.Store(cursor);
            await session.SaveChangesAsync(ct);
        }
        await imap.DisconnectAsync(true, ct);
        return handed;
    }

    private async Task HandAsync(string name, EmailMailbox mailbox, ReadEmail read, CancellationToken ct)
    {
        var message = read.Message;
        // The files' bytes first, by hash (a second store of the same bytes does nothing): the message that names them
        // is committed after, so nothing names bytes that are not there, and a mail read again stores nothing new.
        foreach (var file in read.Files)
            await media.SaveAsync(file.Attachment.Sha256, file.Attachment.ContentType, file.Content, ct);
        if (read.Files.Count > 0 || message.RefusedAttachments.Count > 0)
            logger.LogInformation("Mail in mailbox {Mailbox}: {Taken} attachments taken, {Refused} refused ({Reasons})", name, read.Files.Count,
                message.RefusedAttachments.Count, string.Join(",", message.RefusedAttachments.Select(r => r.Reason).Distinct()));
        await using (var session = store.LightweightSession(mailbox.Council))
        {
            // A reply to a message of ours belongs to that conversation, whatever address it comes from.
            var sent = read.Mentions.Count == 0 ? [] : await session.LoadManyAsync<EmailSent>(ct, read.Mentions);
            if (sent.LastOrDefault(s => s.Account == name) is { } known) message = message with { ChatId = known.ChatId };

            // Threading first: the answer this message may queue is sent with it.
            var key = keys.For(ChannelNames.Email, name, message.ChatId);
            var thread = await session.LoadAsync<EmailThread>(key, ct) ?? new EmailThread { Id = key };
            if (thread.Subject is null || read.Mentions.Count == 0) thread.Subject = read.Subject;
            foreach (var mention in read.Mentions) thread.Add(mention);
            if (read.MessageId is { Length: > 0 } id)
            {
                thread.Add(id);
                thread.LastMessageId = id;
            }
            session.Store(thread);
            await session.SaveChangesAsync(ct);
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReceiveInbound>()
            .ReceiveAsync(new ChannelAccount(ChannelNames.Email, name, mailbox.Council), message, ct);
    }
}

/// <summary>Polls every mailbox that has an IMAP server, every <see cref="EmailOptions.PollInterval"/>; a mailbox that
/// cannot be read is logged and tried at the next turn.</summary>
public sealed class EmailPolling(EmailInbox inbox, IOptions<EmailOptions> options, ILogger<EmailPolling> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var names = options.Value.Mailboxes.Where(m => m.Value.Imap.IsComplete).Select(m => m.Key).ToList();
        if (names.Count == 0) return;
        // The system clock: polling is plumbing, not a rule a test moves the clock for.
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            foreach (var name in names)
            {
                try
                {
                    await inbox.PollAsync(name, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Mailbox {Mailbox} could not be read ({Error}); trying again in {Interval}", name, e.GetType().Name, options.Value.PollInterval);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
