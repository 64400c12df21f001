using JasperFx.Events.Projections;
using OpenTelemetry.Trace;
using Omnichannel.BuildingBlocks;
using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Contracts.Grpc.Appointments.V1;
using Omnichannel.Contracts.Grpc.Citizens.V1;
using Omnichannel.Contracts.Grpc.Procedures.V1;
using Omnichannel.Messaging.DemoData;
using Omnichannel.Messaging.Email;
using Omnichannel.Messaging.Sms;
using Omnichannel.Messaging.Keywords;
using Omnichannel.Messaging.Notices;
using Omnichannel.Messaging.Sending;
using Omnichannel.Messaging.Answering;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Conversations.Starting;
using Omnichannel.Messaging.Conversations.Receiving;

namespace Omnichannel.Messaging;

/// <summary>How the messaging service plugs into the building blocks: its schema, read models and consumers.</summary>
public static class MessagingService
{
    public static readonly ServiceSetup Setup = new()
    {
        Name = "messaging",
        Assembly = typeof(MessagingService).Assembly,
        IntegrationEvents = typeof(IntegrationEvents),
        EventStore = options =>
        {
            options.Projections.Add<ConversationViewProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<ConversationView>().Index(c => c.CitizenId).Index(c => c.HandoverId);
            options.Schema.For<KeywordSet>().UseOptimisticConcurrency(true);
            options.Schema.For<Complaints.ChatComplaint>();
            options.Schema.For<ReplyDispatch>();
            // Operators' files, by hash, beside the events (created and migrated with them).
            options.Storage.ExtendedSchemaObjects.Add(Media.ReplyMediaStore.Table(options.DatabaseSchemaName));
            Email.EmailSetup.Schema(options);
            NoticeSetup.Schema(options);
            NoticeChannels.ChoosingNoticeChannelEndpoints.Schema(options);
            Broadcast.BroadcastSetup.Schema(options);
        },
        Consumers = bus =>
        {
            NoticeSetup.Consumers(bus);
            bus.AddConsumer<Complaints.ComplaintFiledNotice>();
            bus.AddConsumer<Complaints.ComplaintPhotoAttachments>();
            Broadcast.BroadcastSetup.Consumers(bus);
        },
        Subscriptions = marten =>
        {
            marten.AddSubscriptionWithServices<ReplySubscription>(ServiceLifetime.Singleton);
            marten.AddSubscriptionWithServices<NoticeSubscription>(ServiceLifetime.Singleton);
            marten.AddSubscriptionWithServices<Complaints.ComplaintAttachmentSubscription>(ServiceLifetime.Singleton);
            marten.AddSubscriptionWithServices<Media.ChatMediaSubscription>(ServiceLifetime.Singleton);
        },
    };

    public static WebApplicationBuilder AddMessagingServices(this WebApplicationBuilder builder)
    {
        // Erasure deletes the files sent in the citizen's conversations.
        builder.Services.AddSingleton<Omnichannel.BuildingBlocks.PersonalData.IErasureParticipant>(
            new Omnichannel.BuildingBlocks.PersonalData.ContentErasure("messaging", Media.ReplyMediaStore.TableName));
        // ...moves their conversations to keys that name no chat (the key is not an event field masking reaches)...
        builder.Services.AddSingleton<Omnichannel.BuildingBlocks.PersonalData.IErasureParticipant>(new Conversations.ConversationKeyErasure("messaging"));
        // ...and the conversations of chats that carry one of their identities but were never linked to them.
        builder.Services.AddSingleton<Omnichannel.BuildingBlocks.PersonalData.IIdentityStreams, Conversations.ConversationsByIdentity>();
        // Conversations keyed by a pseudonym of their chat; those stored under the chat id move before anything runs.
        builder.Services.AddSingleton(sp => ConversationKeys.From(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<ConversationKeyMigration>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConversationKeyMigration>());
        var services = builder.Services;
        services.AddOptions<MessagingOptions>().Bind(builder.Configuration.GetSection(MessagingOptions.Section))
            .Validate(o => o.IsValid(), "Messaging: every bot and app needs a valid Council, and the API base URLs must be absolute.")
            .ValidateOnStart();
        services.AddServiceClient<CitizenDirectory.CitizenDirectoryClient>(builder.Configuration, "Citizens");
        services.AddScoped<ConversationOpening>();
        services.AddServiceClient<AppointmentBook.AppointmentBookClient>(builder.Configuration, "Appointments");
        services.AddServiceClient<CaseTracking.CaseTrackingClient>(builder.Configuration, "Procedures");
        services.AddProcedureCatalogue(builder.Configuration);
        services.AddServiceClient<Omnichannel.Contracts.Grpc.Incidents.V1.IncidentDesk.IncidentDeskClient>(builder.Configuration, "Incidents");
        services.AddScoped<CodeLookups>();
        // Chat photos to incidents' attachments: a client of its own, without the look-ups' 2-second budget.
        services.AddSingleton<Complaints.ChatPhotoDownloads>();
        // Chat files kept for operators like e-mail attachments (Media.ChatMediaSubscription).
        services.AddScoped<Media.ChatMediaFetching>();
        services.AddGrpcClient<Omnichannel.Contracts.Grpc.Incidents.V1.IncidentDesk.IncidentDeskClient>(Complaints.ComplaintPhotoAttachments.ClientName,
                o => o.Address = new Uri(Omnichannel.BuildingBlocks.Grpc.GrpcSetup.ServiceAddress(builder.Configuration, "Incidents") ?? "http://127.0.0.1:1"))
            .AddInterceptor<Omnichannel.BuildingBlocks.Grpc.ContextPropagationInterceptor>(Grpc.Net.ClientFactory.InterceptorScope.Client);
        services.AddScoped<Answers>();
        services.AddScoped<Linking.ChatLinking>();
        services.AddHttpClient("telegram", c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient("whatsapp", c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<IChannelSender, TelegramSender>();
        services.AddSingleton<IChannelSender, WhatsAppSender>();
        services.AddSingleton<Telegram.CallbackAnswers>();
        services.AddSingleton<ReplyDispatcher>();
        services.AddOptions<ReplyOptions>().Bind(builder.Configuration.GetSection(ReplyOptions.Section))
            .Validate(o => o.ClaimLease > TimeSpan.Zero, "Messaging:Replies:ClaimLease must be positive.").ValidateOnStart();
        services.AddHostedService<DemoKeywords>();
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new TokenRedaction()));
        services.AddScoped<ReceiveInbound>();
        services.AddSingleton<GroupCommit>();
        services.AddOptions<GroupCommitOptions>().Bind(builder.Configuration.GetSection(GroupCommitOptions.Section))
            .Validate(o => o.IsValid(), "Messaging:Inbound: MaxBatch 1–1000, ConcurrentCommits 1–64.").ValidateOnStart();
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<KeywordCache>();
        // The conversations' folded states kept in memory with their versions: the webhook reads only the events
        // appended since, not a whole chat's history for every message (the stream stays the truth).
        services.AddSingleton(new Omnichannel.BuildingBlocks.EventStore.HotStreams<Conversation>(Conversation.Initial, Conversation.Evolve, capacity: 4096));
        Operators.OperatorsApi.AddOperatorServices(builder);
        builder.AddEmail();
        builder.AddSms();
        services.AddNotices();
        NoticeChannels.ChoosingNoticeChannelEndpoints.AddNoticeChannelChoice(services, builder.Configuration);
        Broadcast.BroadcastSetup.AddBroadcast(builder);
        return builder;
    }
}
