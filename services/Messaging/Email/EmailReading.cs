using System.Text.RegularExpressions;
using MimeKit;
using Omnichannel.Messaging.Channels;

namespace Omnichannel.Messaging.Email;

/// <summary>A citizen's e-mail as a conversation sees it: the message, and what threading needs.</summary>
public sealed record ReadEmail(InboundMessage Message, string From, string? Subject, string? MessageId, IReadOnlyList<string> Mentions)
{
    /// <summary>The files taken, with their bytes (the message names them by hash; they are stored before it is handed on).</summary>
    public IReadOnlyList<AttachedFile> Files { get; init; } = [];
}

/// <summary>
/// Reads a fetched e-mail (pure): who wrote (the From address, lower case: the conversation's chat id), what they wrote
/// (the plain text without the quoted thread below it nor the signature, else the subject), and which earlier messages
/// it answers (In-Reply-To, References). Mail a machine sent (an out-of-office, a bounce: RFC 3834 Auto-Submitted, an
/// empty Return-Path) and the mailbox's own mail are ignored: answering them could loop forever.
/// </summary>
public static partial class EmailReading
{
    /// <summary>The citizen's message, or null with why it is ignored.</summary>
    public static ReadEmail? Read(MimeMessage mail, string mailboxAddress, string fallbackDeliveryId, out string? ignored, EmailAttachmentOptions? limits = null)
    {
        var deliveryId = mail.MessageId is { Length: > 0 } id ? id : fallbackDeliveryId;
        var from = mail.From.Mailboxes.FirstOrDefault()?.Address?.Trim().ToLowerInvariant();
        ignored = string.IsNullOrEmpty(from) || !from.Contains('@') ? "email-without-sender"
            : string.Equals(from, mailboxAddress, StringComparison.OrdinalIgnoreCase) ? "email-from-itself"
            : IsAutomatic(mail) ? "email-automatic"
            : null;
        return ignored is null ? Parse(mail, from!, deliveryId, limits) : null;
    }

    /// <summary>The message and its threading, for a mail that <see cref="Read"/> took as the citizen's; its files judged
    /// by <see cref="EmailAttachments"/>.</summary>
    public static ReadEmail Parse(MimeMessage mail, string from, string deliveryId, EmailAttachmentOptions? limits = null)
    {
        var (files, refused) = EmailAttachments.Read(mail, limits ?? new EmailAttachmentOptions());
        var text = Visible(mail.TextBody ?? HtmlToText(mail.HtmlBody));
        if (string.IsNullOrWhiteSpace(text)) text = mail.Subject;
        var mentions = new List<string>(mail.References);
        if (mail.InReplyTo is { Length: > 0 } inReplyTo && !mentions.Contains(inReplyTo)) mentions.Add(inReplyTo);
        var message = new InboundMessage
        {
            DeliveryId = deliveryId,
            ChatId = from,
            Kind = MessageKind.Text,
            Text = text?.Trim(),
            LanguageHint = mail.Headers[HeaderId.ContentLanguage] is { Length: >= 2 } language ? language[..2].ToLowerInvariant() : null,
            ProviderMessageId = mail.MessageId,
            Attachments = [.. files.Select(f => f.Attachment)],
            RefusedAttachments = refused,
        };
        return new ReadEmail(message, from, mail.Subject, mail.MessageId, mentions) { Files = files };
    }

    private static bool IsAutomatic(MimeMessage mail)
    {
        var auto = mail.Headers[HeaderId.AutoSubmitted];
        if (auto is { Length: > 0 } && !auto.Trim().Equals("no", StringComparison.OrdinalIgnoreCase)) return true;
        if (mail.Headers[HeaderId.ReturnPath] is { } returnPath && returnPath.Trim() == "<>") return true;
        var precedence = mail.Headers[HeaderId.Precedence]?.Trim().ToLowerInvariant();
        return precedence is "bulk" or "junk" or "list" || mail.Headers["X-Autoreply"] is not null;
    }

    /// <summary>The part of a reply the citizen typed: lines up to the quoted thread ("&gt; …", "On … wrote:", "El … va
    /// escriure:", "-----Original Message-----") or the signature ("-- ").</summary>
    public static string Visible(string? body)
    {
        if (string.IsNullOrEmpty(body)) return "";
        var kept = new List<string>();
        foreach (var line in body.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.StartsWith('>') || line == "-- " || QuoteHeader().IsMatch(line)) break;
            kept.Add(line);
        }
        return string.Join('\n', kept).Trim();
    }

    private static string? HtmlToText(string? html) =>
        html is null ? null : System.Net.WebUtility.HtmlDecode(Tags().Replace(BlockEnds().Replace(html, "\n"), ""));

    [GeneratedRegex(@"^\s*((On|El|Le|Am)\s.+(wrote|escribió|va escriure|ha escrit|a écrit|schrieb)\s*:\s*|-{2,}\s*(Original Message|Mensaje original|Missatge original)\s*-{2,})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteHeader();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li)\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnds();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();
}
