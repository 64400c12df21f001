using Marten;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Messaging.Sending;

namespace Omnichannel.Messaging.Email;

/// <summary>The e-mail channel's part of the messaging service: its documents, its sender, its mailbox poller.</summary>
public static class EmailSetup
{
    public static void Schema(StoreOptions options)
    {
        options.Schema.For<EmailThread>();
        options.Schema.For<EmailSent>();
        options.Schema.For<MailboxCursor>();
        // Files citizens sent by e-mail, by hash, beside the events (created and migrated with them).
        options.Storage.ExtendedSchemaObjects.Add(InboundMediaStore.Table(options.DatabaseSchemaName));
    }

    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection(EmailOptions.Section))
            .Validate(o => o.IsValid(), "Messaging:Email: every mailbox needs a valid Council, an Address and an SMTP Host and Port (and an IMAP Port with an IMAP Host).")
            .ValidateOnStart();
        builder.Services.AddOptions<EmailAttachmentOptions>().Bind(builder.Configuration.GetSection(EmailAttachmentOptions.Section))
            .Validate(o => o.IsValid(), "Messaging:Email:Attachments needs positive MaxImageBytes, MaxVideoBytes, MaxDocumentBytes and MaxPerMessage.")
            .ValidateOnStart();
        builder.Services.AddSingleton<InboundMediaStore>();
        // Erasure deletes the files citizens sent by e-mail, as it does the operators' files.
        builder.Services.AddSingleton<Omnichannel.BuildingBlocks.PersonalData.IErasureParticipant>(
            new Omnichannel.BuildingBlocks.PersonalData.ContentErasure("messaging", InboundMediaStore.TableName));
        builder.Services.AddSingleton<IChannelSender, EmailSender>();
        builder.Services.AddSingleton<EmailInbox>();
        // Mailboxes are polled where the async daemon runs (one worker), not by every API replica.
        if (EventStoreSetup.DaemonEnabled(builder.Configuration)) builder.Services.AddHostedService<EmailPolling>();
        return builder;
    }
}
