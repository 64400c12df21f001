using JasperFx.Events.Projections;
using Omnichannel.BuildingBlocks;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Incidents.LookingUp;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents;

/// <summary>How the incidents service plugs into the building blocks: its schema, read model and outgoing events.</summary>
public static class IncidentsService
{
    public static readonly ServiceSetup Setup = new()
    {
        Name = "incidents",
        Assembly = typeof(IncidentsService).Assembly,
        IntegrationEvents = typeof(IntegrationEvents),
        // Complaints sent through a chat with a photo or a location (messaging).
        Consumers = bus => bus.AddConsumer<Reporting.FromChats.ChatComplaintReport>(),
        EventStore = options =>
        {
            // Inline: a reporter looks the incident up by its code at once, and the inbox shows it at once.
            options.Projections.Add<IncidentViewProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<IncidentView>().UniqueIndex(i => i.Code).Index(i => i.NextBreachAt).Index(i => i.NextDueAt)
                .Index(i => i.ResolvedAt);
            // Attachments' bytes, by hash, beside the events (created and migrated with them).
            options.Storage.ExtendedSchemaObjects.Add(Attachments.PostgresAttachmentStore.Table(options.DatabaseSchemaName));
        },
    };

    public static WebApplicationBuilder AddIncidentsServices(this WebApplicationBuilder builder)
    {
        // Erasure deletes the citizen's attachments' bytes and keeps the incident register (code, kind, dates, statuses).
        builder.Services.AddSingleton<Omnichannel.BuildingBlocks.PersonalData.IErasureParticipant, Attachments.AttachmentErasure>();
        builder.Services.AddSingleton<Omnichannel.BuildingBlocks.PersonalData.IErasureParticipant>(new Omnichannel.BuildingBlocks.PersonalData.KeptByLaw(
            "the register of each complaint and incident (code, kind, channel, dates, statuses, SLA) with descriptions, answers, locations and attachments removed"));
        var services = builder.Services;
        services.AddOptions<IncidentsOptions>().Bind(builder.Configuration.GetSection(IncidentsOptions.Section))
            .Validate(o => o.Problems().Count == 0, "Incidents:* is not valid (targets and periods must be positive, kinds known).")
            // A channel's clocks on a calendar nobody configured would fail every report of that channel.
            .Validate<IBusinessCalendars>((o, calendars) => o.ChannelCalendars.Values.Append(o.Calendar).All(n => calendars.Names.Contains(n, StringComparer.OrdinalIgnoreCase)),
                "Incidents:Calendar and Incidents:ChannelCalendars must name calendars of BusinessCalendar:Calendars.")
            .ValidateOnStart();
        services.AddSingleton<SlaRulebook>();
        services.AddSingleton<Categories.CategoryCatalogue>();
        services.AddSingleton<Open311.Open311Keys>();
        services.AddProcedureCatalogue(builder.Configuration);
        services.AddCitizenDirectoryCheck(builder.Configuration);
        // Attachments' bytes: beside the events by default, in an S3-compatible bucket by configuration (any other value,
        // or a bucket without its settings, stops the start through the options' validation above).
        if (string.Equals(builder.Configuration[$"{IncidentsOptions.Section}:Attachments:Store"], Attachments.AttachmentOptions.S3Store, StringComparison.OrdinalIgnoreCase))
            services.AddSingleton<Attachments.IAttachmentStore, Attachments.S3AttachmentStore>();
        else
            services.AddSingleton<Attachments.IAttachmentStore, Attachments.PostgresAttachmentStore>();
        // Chat photos come in through IncidentDesk.AttachFromChat: room for the largest attachment (gRPC's default is 4 MB).
        services.Configure<global::Grpc.AspNetCore.Server.GrpcServiceOptions<Grpc.IncidentDeskService>>(o => o.MaxReceiveMessageSize = 32 * 1024 * 1024);
        services.AddSingleton<SlaWatcher>();
        services.AddSingleton<Workflow.Closing.AutoCloser>();
        if (EventStoreSetup.DaemonEnabled(builder.Configuration))
        {
            services.AddHostedService(sp => sp.GetRequiredService<SlaWatcher>());
            services.AddHostedService(sp => sp.GetRequiredService<Workflow.Closing.AutoCloser>());
        }
        return builder;
    }
}
