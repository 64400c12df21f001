using MailKit.Security;
using MimeKit;
using Omnichannel.BuildingBlocks.Context;

namespace Omnichannel.Messaging.Email;

/// <summary>
/// The councils' mailboxes (<c>Messaging:Email</c>), from configuration only: several per council, each named (the
/// name is the conversation's account). Each mailbox sends through its SMTP server and, when it has an IMAP server,
/// is polled for citizens' mail. Passwords come from the environment (tools/run.sh's .local/dev-secrets.env, the
/// chart's Secret), never from the repo.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Messaging:Email";

    /// <summary>How often each mailbox's IMAP folder is read (a mailbox has no webhook to call us).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The subject of a first message the council writes (a notice to someone who never wrote): replies keep the citizen's.</summary>
    public string DefaultSubject { get; set; } = "Ajuntament · Ayuntamiento · City council";

    public Dictionary<string, EmailMailbox> Mailboxes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The mailbox a council's notices go out from (the first configured for it).</summary>
    public string? MailboxOf(string council) => Mailboxes.FirstOrDefault(m => m.Value.Council == council).Key;

    /// <summary>Start-up check: a mailbox names a valid council and an address, and the servers it has are complete.</summary>
    public bool IsValid() => PollInterval > TimeSpan.Zero && Mailboxes.Values.All(m =>
        RequestContext.IsValidTenantId(m.Council)
        && MailboxAddress.TryParse(m.Address, out _)
        && m.Smtp.IsComplete && (m.Imap.Host is null || m.Imap.IsComplete));
}

public sealed class EmailMailbox
{
    public string Council { get; set; } = "";
    /// <summary>The address citizens write to and get answers from (e.g. seu@ajmataro.cat).</summary>
    public string Address { get; set; } = "";
    public string? DisplayName { get; set; }
    public MailServer Smtp { get; set; } = new() { Port = 587, Security = SecureSocketOptions.StartTls };
    /// <summary>Without a host the mailbox only sends.</summary>
    public MailServer Imap { get; set; } = new() { Port = 993, Security = SecureSocketOptions.SslOnConnect };
    public string ImapFolder { get; set; } = "INBOX";

    public string Domain => MailboxAddress.TryParse(Address, out var a) && a.Domain is { Length: > 0 } d ? d : "localhost";
}

public sealed class MailServer
{
    public string? Host { get; set; }
    public int Port { get; set; }
    /// <summary>None (loopback test servers only), StartTls, SslOnConnect, Auto.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    /// <summary>Without a user name the client does not authenticate.</summary>
    public string? Username { get; set; }
    /// <summary>A secret.</summary>
    public string? Password { get; set; }

    public bool IsComplete => !string.IsNullOrWhiteSpace(Host) && Port is > 0 and < 65536;
}
