using System.Net.Http.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Omnichannel.Testing;

/// <summary>
/// The real SMTP/IMAP server of the tests: the smtp4dev that tools/test.sh starts (OMNICHANNEL_TEST_MAIL gives its
/// ports). It has mailboxes council01…council16 — mail to *@councilNN.test lands there, and IMAP user councilNN reads
/// it — and a Default mailbox for everything else (what the council sends citizens). A fixture takes one council
/// mailbox, emptied, so fixtures running side by side never read each other's mail.
/// </summary>
public static class TestMailServer
{
    private static int next;

    private sealed record Server(int SmtpPort, int ImapPort, Uri Api, int Mailboxes, string Password);

    private static readonly Lazy<Server> server = new(() =>
    {
        var value = Environment.GetEnvironmentVariable("OMNICHANNEL_TEST_MAIL")
            ?? throw new InvalidOperationException("No mail server: run the tests with tools/test.sh (it starts smtp4dev and sets OMNICHANNEL_TEST_MAIL).");
        var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return new Server(int.Parse(parts["smtp"]), int.Parse(parts["imap"]), new Uri(parts["api"]), int.Parse(parts["mailboxes"]), parts["password"]);
    });

    /// <summary>A council mailbox of smtp4dev for one fixture, emptied.</summary>
    public static async Task<TestMailbox> TakeMailboxAsync()
    {
        var s = server.Value;
        var name = $"council{Interlocked.Increment(ref next) % s.Mailboxes + 1:D2}";
        using var http = Http();
        (await http.DeleteAsync($"api/messages/*?mailboxName={name}")).EnsureSuccessStatusCode();
        return new TestMailbox(name, $"seu@{name}.test", s.SmtpPort, s.ImapPort, s.Password);
    }

    /// <summary>Sends a message to the server as a citizen's mail client would.</summary>
    public static async Task SendAsync(MimeMessage mail)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", server.Value.SmtpPort, SecureSocketOptions.None);
        await smtp.SendAsync(mail);
        await smtp.DisconnectAsync(true);
    }

    /// <summary>Every message the server holds for <paramref name="address"/> (as sent, parsed), oldest first.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> ReceivedByAsync(string address)
    {
        using var http = Http();
        var page = await http.GetFromJsonAsync<MessagePage>($"api/messages?mailboxName=Default&searchTerms={Uri.EscapeDataString(address)}&pageSize=1000");
        var found = new List<MimeMessage>();
        foreach (var summary in page!.Results.Where(r => r.To.Any(t => string.Equals(t, address, StringComparison.OrdinalIgnoreCase))).OrderBy(r => r.ReceivedDate))
        {
            await using var raw = await http.GetStreamAsync($"api/messages/{summary.Id}/raw");
            found.Add(await MimeMessage.LoadAsync(raw));
        }
        return found;
    }

    private static HttpClient Http() => new() { BaseAddress = server.Value.Api, Timeout = TimeSpan.FromSeconds(30) };

    private sealed record MessagePage(List<MessageSummary> Results);

    private sealed record MessageSummary(Guid Id, string From, List<string> To, DateTimeOffset ReceivedDate, string Subject);
}

/// <summary>One council mailbox of the test mail server: the messaging service's settings for it, as mailbox "seu".</summary>
public sealed record TestMailbox(string ServerMailbox, string Address, int SmtpPort, int ImapPort, string Password)
{
    public const string Name = "seu";

    public Dictionary<string, string?> Settings(string council) => new()
    {
        ["Messaging:Email:PollInterval"] = "00:00:00.500",
        [$"Messaging:Email:Mailboxes:{Name}:Council"] = council,
        [$"Messaging:Email:Mailboxes:{Name}:Address"] = Address,
        [$"Messaging:Email:Mailboxes:{Name}:DisplayName"] = "Ajuntament (proves)",
        [$"Messaging:Email:Mailboxes:{Name}:Smtp:Host"] = "127.0.0.1",
        [$"Messaging:Email:Mailboxes:{Name}:Smtp:Port"] = SmtpPort.ToString(),
        [$"Messaging:Email:Mailboxes:{Name}:Smtp:Security"] = "None",
        [$"Messaging:Email:Mailboxes:{Name}:Imap:Host"] = "127.0.0.1",
        [$"Messaging:Email:Mailboxes:{Name}:Imap:Port"] = ImapPort.ToString(),
        [$"Messaging:Email:Mailboxes:{Name}:Imap:Security"] = "None",
        [$"Messaging:Email:Mailboxes:{Name}:Imap:Username"] = ServerMailbox,
        [$"Messaging:Email:Mailboxes:{Name}:Imap:Password"] = Password,
    };
}
