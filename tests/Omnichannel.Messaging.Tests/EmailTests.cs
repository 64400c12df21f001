using Marten;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Email;
using Omnichannel.Testing;

namespace Omnichannel.Messaging.Tests;

/// <summary>E-mail through a real SMTP/IMAP server (smtp4dev): citizens write to the council's mailbox, which is polled
/// by IMAP, and are answered by SMTP in the same thread.</summary>
[Collection(Collections.Notices)]
public sealed class EmailTests(MessagingPlatform platform)
{
    private static string NewAddress(string who = "anna") => $"{who}.{Guid.NewGuid():N}"[..(who.Length + 13)] + "@example.org";

    private MimeMessage Mail(string from, string subject, string body, string? inReplyTo = null, params string[] references)
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress("Anna", from));
        mail.To.Add(new MailboxAddress("Ajuntament", platform.Mail.Address));
        mail.Subject = subject;
        mail.MessageId = $"{Guid.NewGuid():N}@example.org";
        if (inReplyTo is not null) mail.InReplyTo = inReplyTo;
        foreach (var reference in references) mail.References.Add(reference);
        mail.Body = new TextPart("plain") { Text = body };
        return mail;
    }

    private string Key(string address) => platform.ConversationKey("email", TestMailbox.Name, address);

    private async Task<IReadOnlyList<object>> EventsAsync(string address)
    {
        await using var session = platform.Query();
        return (await session.Events.FetchStreamAsync(Key(address))).Select(e => e.Data).ToList();
    }

    [Fact]
    public async Task A_mail_is_answered_in_its_thread_and_the_reply_to_the_answer_lands_in_the_same_conversation_even_from_another_address()
    {
        var anna = NewAddress();
        var first = Mail(anna, "Paraules clau", "PARAULES CLAU");
        await TestMailServer.SendAsync(first);

        var answers = await Eventually.Until(() => TestMailServer.ReceivedByAsync(anna), a => a.Count >= 1, TimeSpan.FromSeconds(30), "the answer by e-mail");
        var answer = Assert.Single(answers);
        Assert.Equal(platform.Mail.Address, answer.From.Mailboxes.Single().Address);
        Assert.Equal("Re: Paraules clau", answer.Subject);
        Assert.Equal(first.MessageId, answer.InReplyTo);
        Assert.Contains(first.MessageId, answer.References);
        Assert.False(string.IsNullOrWhiteSpace(answer.TextBody));

        // Anna answers from her work address, quoting the council's answer: only what she typed is kept.
        var work = NewAddress("anna.work");
        await TestMailServer.SendAsync(Mail(work, "Re: Paraules clau", "Gràcies!\n\nEl dg., 29 de nov. 2026, a les 10:00, Ajuntament va escriure:\n> " + answer.TextBody,
            answer.MessageId, first.MessageId!, answer.MessageId!));

        var events = await Eventually.Until(() => EventsAsync(anna), e => e.OfType<MessageReceived>().Count() == 2, TimeSpan.FromSeconds(30), "the reply in the same conversation");
        Assert.Equal(["PARAULES CLAU", "Gràcies!"], events.OfType<MessageReceived>().Select(m => m.Text));
        Assert.Empty(await EventsAsync(work));
    }

    [Fact]
    public async Task A_mail_read_again_after_the_mailbox_cursor_is_lost_is_applied_once()
    {
        var anna = NewAddress();
        await TestMailServer.SendAsync(Mail(anna, "Horari", "HORARI"));
        await Eventually.Until(() => EventsAsync(anna), e => e.OfType<ReplySent>().Any(), TimeSpan.FromSeconds(30), "the mail applied and answered");

        await using (var session = platform.Messaging.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tokens.Tenant))
        {
            session.Delete<MailboxCursor>(TestMailbox.Name);
            await session.SaveChangesAsync();
        }
        var inbox = platform.Messaging.Services.GetRequiredService<EmailInbox>();
        await inbox.PollAsync(TestMailbox.Name, CancellationToken.None);
        await inbox.PollAsync(TestMailbox.Name, CancellationToken.None);

        var events = await EventsAsync(anna);
        Assert.Single(events.OfType<MessageReceived>());
        Assert.Single(events.OfType<ReplyQueued>());
        Assert.Single(await TestMailServer.ReceivedByAsync(anna));
    }

    [Fact]
    public async Task An_out_of_office_answer_is_not_answered_back()
    {
        var away = NewAddress("away");
        var automatic = Mail(away, "Fora de l'oficina", "Torno el dilluns.");
        automatic.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        await TestMailServer.SendAsync(automatic);
        // Mail is read in order: once a later one is applied, the automatic one was read (and ignored).
        var anna = NewAddress();
        await TestMailServer.SendAsync(Mail(anna, "Hola", "HORARI"));
        await Eventually.Until(() => EventsAsync(anna), e => e.OfType<MessageReceived>().Any(), TimeSpan.FromSeconds(30), "the later mail applied");

        Assert.Empty(await EventsAsync(away));
        Assert.Empty(await TestMailServer.ReceivedByAsync(away));
    }

    [Fact]
    public void Only_what_the_citizen_typed_is_read_from_a_reply()
    {
        Assert.Equal("Sí, gràcies", EmailReading.Visible("Sí, gràcies\r\n\r\nOn Sun, 29 Nov 2026 at 10:00, Ajuntament wrote:\r\n> Bon dia"));
        Assert.Equal("Vale", EmailReading.Visible("Vale\n-- \nAnna"));
        Assert.Equal("Ok", EmailReading.Visible("Ok\n-----Mensaje original-----\nDe: seu"));
        Assert.Equal("", EmailReading.Visible("> only quoted"));
    }

    [Fact]
    public void An_answer_threads_under_the_citizens_subject_and_messages()
    {
        var mailbox = new EmailMailbox { Address = "seu@ajmataro.cat", DisplayName = "Ajuntament de Mataró" };
        var thread = new EmailThread { Subject = "Padró", LastMessageId = "b@example.org", References = ["a@example.org", "x@ajmataro.cat", "b@example.org"] };
        var mail = EmailSender.Compose(mailbox, new MailboxAddress("", "anna@example.org"), "r1@ajmataro.cat", thread, "Ajuntament", "Bon dia");
        Assert.Equal("Re: Padró", mail.Subject);
        Assert.Equal("b@example.org", mail.InReplyTo);
        Assert.Equal(["a@example.org", "x@ajmataro.cat", "b@example.org"], mail.References);
        Assert.Equal("r1@ajmataro.cat", mail.MessageId);

        var first = EmailSender.Compose(mailbox, new MailboxAddress("", "anna@example.org"), "r2@ajmataro.cat", null, "Ajuntament", "Recordatori");
        Assert.Equal("Ajuntament", first.Subject);
        Assert.Null(first.InReplyTo);
    }
}
