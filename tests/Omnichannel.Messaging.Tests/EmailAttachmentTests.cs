using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Complaints;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Email;
using Omnichannel.Messaging.Operators;
using Omnichannel.Testing;

namespace Omnichannel.Messaging.Tests;

/// <summary>
/// A citizen's e-mail attachments: judged by content and size, kept by hash on the conversation for the operators,
/// filed with a complaint into the incident's attachments (and followed by later files), refused ones told to the
/// citizen with which and why — through the real SMTP/IMAP server (smtp4dev) and the real incidents service.
/// </summary>
[Collection(Collections.Clock)]
public sealed class EmailAttachmentTests(MessagingPlatform platform)
{
    // xUnit makes the class anew for each test: each starts on the real clock.
    private readonly MessagingPlatform platform = platform.AtTheRealTime();

    private static readonly DateTimeOffset MondayMorning = new(2026, 12, 14, 10, 0, 0, TimeSpan.FromHours(1));

    private static byte[] Jpeg(string tag) => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0, .. System.Text.Encoding.ASCII.GetBytes(tag), 0xFF, 0xD9];
    private static byte[] Png(string tag, int padding = 0) => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', .. System.Text.Encoding.ASCII.GetBytes(tag), .. new byte[padding]];
    private static byte[] Pdf(string tag) => [.. "%PDF-1.7\n"u8, .. System.Text.Encoding.ASCII.GetBytes(tag), .. "\n%%EOF\n"u8];
    /// <summary>A Windows program (MZ header) dressed up as a photo.</summary>
    private static readonly byte[] Program = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0x40];

    private static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
    private static string NewAddress() => $"veina.{Guid.NewGuid():N}"[..19] + "@example.org";
    private string Key(string address) => platform.ConversationKey("email", TestMailbox.Name, address);

    private static MimeMessage Mail(string from, string to, string subject, string body, IEnumerable<(string Name, string Type, byte[] Content)> files, string? inReplyTo = null)
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress("Veïna", from));
        mail.To.Add(new MailboxAddress("Ajuntament", to));
        mail.Subject = subject;
        mail.MessageId = $"{Guid.NewGuid():N}@example.org";
        if (inReplyTo is not null)
        {
            mail.InReplyTo = inReplyTo;
            mail.References.Add(inReplyTo);
        }
        var builder = new BodyBuilder { TextBody = body };
        foreach (var (name, type, content) in files) builder.Attachments.Add(name, content, ContentType.Parse(type));
        mail.Body = builder.ToMessageBody();
        return mail;
    }

    private async Task<IReadOnlyList<object>> EventsAsync(string address)
    {
        await using var session = platform.Query();
        return (await session.Events.FetchStreamAsync(Key(address))).Select(e => e.Data).ToList();
    }

    private async Task<JsonElement> IncidentAsync(Guid incidentId, int attachments)
    {
        using var staff = platform.Incidents.Client(platform.Tokens.Staff());
        return await Eventually.Until(async () =>
        {
            var response = await staff.GetAsync($"/api/incidents/{incidentId}?reason=complaint-handling");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, i => i.ValueKind == JsonValueKind.Object && i.GetProperty("attachments").GetArrayLength() >= attachments,
            TimeSpan.FromSeconds(30), $"{attachments} attachments on the incident");
    }

    private static string[] Hashes(JsonElement incident) =>
        [.. incident.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("sha256").GetString()!).Order()];

    // ---- the files of a mail, judged (pure) ----

    [Fact]
    public void Files_are_judged_by_their_content_not_their_name_and_the_body_is_not_a_file()
    {
        var jpeg = Jpeg("a");
        var pdfCalledDoc = Pdf("b");
        var mail = Mail("anna@example.org", "seu@ajmataro.cat", "Forat", "Hi ha un forat",
        [
            ("C:\\Users\\anna\\foto <1>.pdf", "application/pdf", jpeg), // a photo named as a PDF: a photo
            ("carta.doc", "application/msword", pdfCalledDoc),          // a PDF named as Word: a PDF
            ("foto.jpg", "image/jpeg", Program),                         // a program dressed as a photo: refused
            ("notes.txt", "text/plain", "hola"u8.ToArray()),             // text attached: not a type taken
            ("buit.png", "image/png", []),                               // empty
            ("foto còpia.pdf", "application/pdf", jpeg),                 // the same photo again: taken once
        ]);

        var (taken, refused) = EmailAttachments.Read(mail, new EmailAttachmentOptions());

        Assert.Equal([(Sha(jpeg), "image/jpeg", "foto 1.jpg"), (Sha(pdfCalledDoc), "application/pdf", "carta.pdf")],
            taken.Select(t => (t.Attachment.Sha256, t.Attachment.ContentType, t.Attachment.FileName)));
        Assert.Equal(jpeg, taken[0].Content);
        Assert.Equal([("foto.jpg", AttachmentRefusalReasons.UnsupportedType), ("notes.txt", AttachmentRefusalReasons.UnsupportedType), ("buit.png", AttachmentRefusalReasons.Empty)],
            refused.Select(r => (r.FileName, r.Reason)));
    }

    [Fact]
    public void A_file_over_its_familys_size_and_files_beyond_the_per_message_limit_are_refused_and_a_pasted_screenshot_is_taken()
    {
        var limits = new EmailAttachmentOptions { MaxImageBytes = 1024, MaxPerMessage = 2 };
        var mail = Mail("anna@example.org", "seu@ajmataro.cat", "Captura", "Mireu", [("gran.png", "image/png", Png("big", 2000)), ("a.jpg", "image/jpeg", Jpeg("1")), ("b.jpg", "image/jpeg", Jpeg("2")), ("c.jpg", "image/jpeg", Jpeg("3"))]);
        // A screenshot pasted into the body: an inline part of a multipart/related, not an "attachment".
        var related = new MultipartRelated { new TextPart("html") { Text = "<p>Mireu <img src=\"cid:captura\"></p>" } };
        related.Add(new MimePart("image", "png") { ContentId = "captura", Content = new MimeContent(new MemoryStream(Png("inline"))), ContentDisposition = new ContentDisposition(ContentDisposition.Inline) });
        ((Multipart)mail.Body!).Add(related);

        var (taken, refused) = EmailAttachments.Read(mail, limits);

        Assert.Equal([Sha(Jpeg("1")), Sha(Jpeg("2"))], taken.Select(t => t.Attachment.Sha256));
        Assert.Equal([("gran.png", AttachmentRefusalReasons.Oversized, (long)Png("big", 2000).Length), ("c.jpg", AttachmentRefusalReasons.TooMany, (long)Jpeg("3").Length), ("#5", AttachmentRefusalReasons.TooMany, (long)Png("inline").Length)],
            refused.Select(r => (r.FileName, r.Reason, r.Size)));

        var roomy = EmailAttachments.Read(mail, new EmailAttachmentOptions { MaxImageBytes = 1024 });
        Assert.Contains(roomy.Taken, t => t.Attachment.Sha256 == Sha(Png("inline")) && t.Attachment.FileName == "adjunt5.png");
    }

    [Fact]
    public void The_citizen_is_told_which_file_was_refused_and_why_in_their_language_after_the_answer_or_alone()
    {
        var limits = new EmailAttachmentOptions { MaxImageBytes = 5 * 1024 * 1024 };
        RefusedAttachment[] refused = [new("foto.jpg", AttachmentRefusalReasons.UnsupportedType, 25), new("gran.png", AttachmentRefusalReasons.Oversized, 7 * 1024 * 1024)];

        var ca = AttachmentRefusalTexts.Tell("ca", refused, limits);
        Assert.Contains("No hem acceptat", ca);
        Assert.Contains("• foto.jpg: pel seu contingut no és una imatge", ca);
        Assert.Contains("• gran.png: és massa gran (7 MB; com a màxim 5 MB una imatge", ca);
        Assert.Contains("• foto.jpg: por su contenido no es una imagen", AttachmentRefusalTexts.Tell("es", refused, limits));
        Assert.Contains("• gran.png: it is too large (7 MB; at most 5 MB for an image", AttachmentRefusalTexts.Tell("en", refused, limits));

        var answered = new Operators.HandingOver.Routed(new Reply("Horari: 8-15 h", ReplyReasons.Keyword, "horari"), []);
        var told = AttachmentRefusalTexts.Told(answered, "ca", refused, limits);
        Assert.StartsWith("Horari: 8-15 h\n\nNo hem acceptat", told.Reply!.Text);
        Assert.Equal(ReplyReasons.Keyword, told.Reply.Reason);
        var alone = AttachmentRefusalTexts.Told(new Operators.HandingOver.Routed(null, []), "en", refused, limits);
        Assert.Equal(ReplyReasons.AttachmentsRefused, alone.Reply!.Reason);
        Assert.Same(answered, AttachmentRefusalTexts.Told(answered, "ca", [], limits));
    }

    // ---- complaints by e-mail (pure) ----

    private static readonly DateTimeOffset At = new(2026, 12, 14, 9, 0, 0, TimeSpan.Zero);
    private static readonly Opening ByEmail = new("email", "seu", "anna@example.org", "ca", null);
    private static InboundMessage WithFiles(string text, params string[] hashes) => new()
    {
        DeliveryId = "m1", ChatId = "anna@example.org", Kind = MessageKind.Text, Text = text,
        Attachments = [.. hashes.Select(h => new InboundAttachment(h, "image/jpeg", 10, "foto.jpg"))],
    };

    [Fact]
    public void A_complaint_mail_with_files_is_filed_at_once_and_files_sent_after_it_was_filed_follow_it_to_its_incident()
    {
        var complaintId = Guid.NewGuid();
        var filed = ComplaintFlow.Follow(DeskState.Initial, ByEmail, WithFiles("QUEIXA Fanal trencat", "h1", "h2"), new Reply("…", ReplyReasons.ComplaintKeyword, "queixa"), complaintId, At)!;
        var submitted = Assert.IsType<ComplaintSubmitted>(Assert.Single(filed.Events));
        Assert.Equal((complaintId, "QUEIXA Fanal trencat", "email"), (submitted.ComplaintId, submitted.Description, submitted.Channel));
        Assert.Equal(["h1", "h2"], submitted.PhotoFileIds);

        var desk = new object[] { submitted, new ComplaintFiled(complaintId, "INC-7", At.AddMinutes(1)) }
            .Cast<IDeskEvent>().Aggregate(DeskState.Initial, DeskState.Evolve);
        var more = ComplaintFlow.Follow(desk, ByEmail, WithFiles("Una altra foto", "h3"), new Reply("…", ReplyReasons.Unanswered, null), Guid.NewGuid(), At.AddDays(3))!;
        var added = Assert.IsType<ComplaintAttachmentsAdded>(Assert.Single(more.Events));
        Assert.Equal((complaintId, At.AddDays(3)), (added.ComplaintId, added.At));
        Assert.Equal(["h3"], added.Sha256s);
        Assert.Equal("Hem afegit el fitxer a la teva queixa INC-7.", more.Reply!.Text);

        // A keyword answered, a message without files, or too long after: none of the incident's business.
        Assert.Null(ComplaintFlow.Follow(desk, ByEmail, WithFiles("HORARI", "h3"), new Reply("…", ReplyReasons.Keyword, "horari"), Guid.NewGuid(), At.AddDays(3)));
        Assert.Null(ComplaintFlow.Follow(desk, ByEmail, WithFiles("Gràcies"), new Reply("…", ReplyReasons.Unanswered, null), Guid.NewGuid(), At.AddDays(3)));
        Assert.Null(ComplaintFlow.Follow(desk, ByEmail, WithFiles("Una altra", "h4"), new Reply("…", ReplyReasons.Unanswered, null), Guid.NewGuid(), At.AddMinutes(1) + ComplaintFlow.FollowUpWindow + TimeSpan.FromSeconds(1)));
    }

    // ---- through the real mail server ----

    [Fact]
    public async Task A_complaint_mails_files_become_the_incidents_attachments_the_disguised_and_oversized_ones_are_refused_with_a_reply_and_a_later_file_follows()
    {
        var anna = NewAddress();
        var photo = Jpeg(Guid.NewGuid().ToString("N"));
        var plan = Pdf(Guid.NewGuid().ToString("N"));
        var huge = Png(Guid.NewGuid().ToString("N"), MessagingPlatform.EmailMaxImageBytes + 100 * 1024);
        var complaint = Mail(anna, platform.Mail.Address, "Fanal trencat", "QUEIXA Hi ha un fanal trencat davant de casa meva, no s'encén des de fa dies.",
            [("fanal.jpg", "image/jpeg", photo), ("plànol.pdf", "application/pdf", plan), ("factura.jpg", "image/jpeg", Program), ("panoràmica.png", "image/png", huge)]);
        await TestMailServer.SendAsync(complaint);

        var submitted = await Eventually.Until(async () => (await EventsAsync(anna)).OfType<ComplaintSubmitted>().SingleOrDefault(),
            c => c is not null, TimeSpan.FromSeconds(30), "the complaint filed from the mail");
        var incident = await IncidentAsync(submitted!.ComplaintId, 2);
        Assert.Equal(new[] { Sha(photo), Sha(plan) }.Order(), Hashes(incident));
        using (var staff = platform.Incidents.Client(platform.Tokens.Staff()))
            Assert.Equal(plan, await staff.GetByteArrayAsync($"/api/incidents/{submitted.ComplaintId}/attachments/{Sha(plan)}?reason=complaint-handling"));

        // The conversation keeps what was taken and what was refused; the citizen is told which and why, in Catalan.
        var received = Assert.Single((await EventsAsync(anna)).OfType<MessageReceived>());
        Assert.Equal([("fanal.jpg", "image/jpeg"), ("plànol.pdf", "application/pdf")], received.Attachments.Select(a => (a.FileName, a.ContentType)));
        Assert.Equal([("factura.jpg", AttachmentRefusalReasons.UnsupportedType), ("panoràmica.png", AttachmentRefusalReasons.Oversized)], received.RefusedAttachments.Select(r => (r.FileName, r.Reason)));
        var answers = await Eventually.Until(() => TestMailServer.ReceivedByAsync(anna), a => a.Count >= 2, TimeSpan.FromSeconds(30), "the filing answer and the code");
        var filing = Assert.Single(answers, a => a.TextBody?.Contains("No hem acceptat") == true);
        Assert.Contains("• factura.jpg: pel seu contingut no és una imatge", filing.TextBody);
        Assert.Contains("• panoràmica.png: és massa gran (356 KB; com a màxim 256 KB una imatge", filing.TextBody);
        Assert.StartsWith(ComplaintFlow.Filing.Ca, filing.TextBody);
        var code = Assert.Single((await EventsAsync(anna)).OfType<ComplaintFiled>()).IncidentCode;
        var codeMail = Assert.Single(answers, a => a.TextBody?.Contains(code) == true);

        // The mail read again (a lost cursor): nothing new in the conversation, on the incident, or in her mailbox.
        await ReadAgainAsync();
        Assert.Single((await EventsAsync(anna)).OfType<MessageReceived>());

        // Days later she answers the code's mail with one more photo (and the same plan again): both go to the incident.
        var more = Jpeg(Guid.NewGuid().ToString("N"));
        await TestMailServer.SendAsync(Mail(anna, platform.Mail.Address, "Re: " + codeMail.Subject, "Una foto de nit.", [("nit.jpg", "image/jpeg", more), ("plànol.pdf", "application/pdf", plan)], codeMail.MessageId));
        var added = await Eventually.Until(async () => (await EventsAsync(anna)).OfType<ComplaintAttachmentsAdded>().SingleOrDefault(), a => a is not null, TimeSpan.FromSeconds(30), "the files following the complaint");
        Assert.Equal(submitted.ComplaintId, added!.ComplaintId);
        incident = await IncidentAsync(submitted.ComplaintId, 3);
        Assert.Equal(new[] { Sha(photo), Sha(plan), Sha(more) }.Order(), Hashes(incident));
        var followUp = await Eventually.Until(() => TestMailServer.ReceivedByAsync(anna), a => a.Count >= 3, TimeSpan.FromSeconds(30), "the answer to the follow-up");
        Assert.Contains($"Hem afegit 2 fitxers a la teva queixa {code}.", followUp[^1].TextBody);
        Assert.DoesNotContain("No hem acceptat", followUp[^1].TextBody);

        await ReadAgainAsync();
        Assert.Single((await EventsAsync(anna)).OfType<ComplaintAttachmentsAdded>());
        Assert.Equal(3, (await IncidentAsync(submitted.ComplaintId, 3)).GetProperty("attachments").GetArrayLength());
        Assert.Equal(3, (await TestMailServer.ReceivedByAsync(anna)).Count);
    }

    [Fact]
    public async Task A_mails_file_reaches_the_operator_who_downloads_it_by_hash_and_answers_with_a_file_attached_to_the_mail()
    {
        platform.Clock.MoveTo(MondayMorning);
        var anna = NewAddress();
        var screenshot = Png(Guid.NewGuid().ToString("N"));
        await TestMailServer.SendAsync(Mail(anna, platform.Mail.Address, "Error a la seu electrònica", "Quan envio el formulari em surt aquest error.", [("captura.png", "image/png", screenshot)]));
        var handedOver = await Eventually.Until(async () => (await EventsAsync(anna)).OfType<HandedOver>().SingleOrDefault(), h => h is not null, TimeSpan.FromSeconds(30), "the hand-over");

        using var staff = platform.Messaging.Client(platform.Tokens.Staff());
        var detail = await staff.GetFromJsonAsync<JsonElement>($"/api/messaging/operators/handovers/{handedOver!.HandoverId}?reason=citizen-request");
        var line = detail.GetProperty("transcript").EnumerateArray().First(l => l.GetProperty("from").GetString() == "citizen");
        Assert.True(line.GetProperty("hasMedia").GetBoolean());
        var file = Assert.Single(line.GetProperty("attachments").EnumerateArray());
        Assert.Equal((Sha(screenshot), "image/png", "captura.png"), (file.GetProperty("sha256").GetString(), file.GetProperty("contentType").GetString(), file.GetProperty("fileName").GetString()));

        var download = await staff.GetAsync($"/api/messaging/operators/handovers/{handedOver.HandoverId}/attachments/{Sha(screenshot)}?reason=citizen-request");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(screenshot, await download.Content.ReadAsByteArrayAsync());

        // Another conversation's file, an unknown hash, a malformed one, another hand-over.
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/messaging/operators/handovers/{handedOver.HandoverId}/attachments/{Sha(Program)}?reason=citizen-request")).StatusCode);
        var bad = await staff.GetAsync($"/api/messaging/operators/handovers/{handedOver.HandoverId}/attachments/not-a-hash?reason=citizen-request");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("sha256", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/messaging/operators/handovers/{Guid.NewGuid()}/attachments/{Sha(screenshot)}?reason=citizen-request")).StatusCode);
        using var app = platform.Messaging.Client(platform.Tokens.ChannelApp());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync($"/api/messaging/operators/handovers/{handedOver.HandoverId}/attachments/{Sha(screenshot)}?reason=citizen-request")).StatusCode);

        // The operator answers with a document: it leaves as the answer mail's attachment, in the thread.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/messaging/operators/handovers/{handedOver.HandoverId}/claim", null)).StatusCode);
        var guide = Pdf(Guid.NewGuid().ToString("N"));
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(guide);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", "Guia del formulari.bin");
        form.Add(new StringContent("Segueix aquests passos, si us plau."), "caption");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/messaging/operators/handovers/{handedOver.HandoverId}/media", form)).StatusCode);
        var answer = await Eventually.Until(async () => (await TestMailServer.ReceivedByAsync(anna)).FirstOrDefault(m => m.Attachments.Any()),
            m => m is not null, TimeSpan.FromSeconds(30), "the operator's answer with its file");
        Assert.Equal("Re: Error a la seu electrònica", answer!.Subject);
        Assert.Contains("Segueix aquests passos", answer.TextBody);
        var attached = Assert.IsType<MimePart>(Assert.Single(answer.Attachments));
        Assert.Equal(("Guia del formulari.pdf", "application/pdf"), (attached.FileName, attached.ContentType.MimeType));
        using var bytes = new MemoryStream();
        await attached.Content!.DecodeToAsync(bytes);
        Assert.Equal(guide, bytes.ToArray());
    }

    /// <summary>Forgets how far the mailbox was read and reads it all again, twice (what a lost cursor or two pollers do).</summary>
    private async Task ReadAgainAsync()
    {
        await using (var session = platform.Messaging.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tokens.Tenant))
        {
            session.Delete<MailboxCursor>(TestMailbox.Name);
            await session.SaveChangesAsync();
        }
        var inbox = platform.Messaging.Services.GetRequiredService<EmailInbox>();
        await inbox.PollAsync(TestMailbox.Name, CancellationToken.None);
        await inbox.PollAsync(TestMailbox.Name, CancellationToken.None);
    }
}
