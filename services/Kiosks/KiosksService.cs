using JasperFx.Events.Projections;
using Omnichannel.BuildingBlocks;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Kiosks.LookingUp;

namespace Omnichannel.Kiosks;

/// <summary>How the kiosk fleet service plugs into the building blocks: its schema, read models and consumers.</summary>
public static class KiosksService
{
    public static readonly ServiceSetup Setup = new()
    {
        Name = "kiosks",
        Assembly = typeof(KiosksService).Assembly,
        IntegrationEvents = typeof(IntegrationEvents),
        EventStore = options =>
        {
            options.Projections.Add<KioskViewProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<Sessions.KioskSessionsViewProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<Menus.KioskMenuViewProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<Assistance.AssistanceRequestViewProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<Assistance.OfficeAssistant>().UseOptimisticConcurrency(true);
            options.Schema.For<Health.KioskHealthDocument>().UseOptimisticConcurrency(true).Index(d => d.Connection);
        },
        // Kiosks are enrolled only at an office of the directory, and its calendar and closure days tell when a
        // missing heartbeat matters.
        OfficeDirectory = OfficeDirectoryCopy.Documents,
    };

    public static WebApplicationBuilder AddKiosksServices(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<KioskOptions>(builder.Configuration.GetSection(KioskOptions.Section));
        builder.Services.AddScoped<Access.KioskAccessFilter>();
        builder.Services.Configure<Assistance.RemoteAssistanceOptions>(builder.Configuration.GetSection(Assistance.RemoteAssistanceOptions.Section));
        builder.Services.AddSingleton<Health.Offline.OfflineWatcher>();
        builder.Services.AddSingleton<Sessions.Timeouts.SessionWatcher>();
        // Identified sessions check the citizen exists where the citizens service is a neighbour (the platform).
        if (BuildingBlocks.Grpc.GrpcSetup.ServiceAddress(builder.Configuration, "citizens") is not null)
            BuildingBlocks.Clients.NeighbourClients.AddCitizenDirectoryCheck(builder.Services, builder.Configuration);
        // Menus are checked against and filtered by the procedures catalogue (the kiosk channel, withdrawals, seasons).
        if (BuildingBlocks.Grpc.GrpcSetup.ServiceAddress(builder.Configuration, "procedures") is not null)
        {
            builder.Services.AddServiceClient<Contracts.Grpc.Procedures.V1.ProcedureCatalogue.ProcedureCatalogueClient>(builder.Configuration, "Procedures");
            builder.Services.AddScoped<Menus.IKioskCatalogue, Menus.GrpcKioskCatalogue>();
            builder.Services.AddServiceClient<Contracts.Grpc.Procedures.V1.CaseTracking.CaseTrackingClient>(builder.Configuration, "Procedures");
            builder.Services.AddServiceClient<Contracts.Grpc.Procedures.V1.CaseNotifications.CaseNotificationsClient>(builder.Configuration, "Procedures");
        }
        else
        {
            builder.Services.AddSingleton<Menus.IKioskCatalogue, Menus.NoKioskCatalogue>();
        }
        // Tickets and bookings from a kiosk are forwarded to queues and appointments where the launcher introduced them.
        if (GrpcSetup.ServiceAddress(builder.Configuration, "queues") is not null)
            builder.Services.AddServiceClient<Contracts.Grpc.Queues.V1.TicketDispenser.TicketDispenserClient>(builder.Configuration, "Queues");
        if (GrpcSetup.ServiceAddress(builder.Configuration, "appointments") is not null)
            builder.Services.AddServiceClient<Contracts.Grpc.Appointments.V1.AppointmentBook.AppointmentBookClient>(builder.Configuration, "Appointments");
        // A code the citizen types at the kiosk is looked up at its own service (cases, appointments, incidents).
        if (GrpcSetup.ServiceAddress(builder.Configuration, "incidents") is not null)
            builder.Services.AddServiceClient<Contracts.Grpc.Incidents.V1.IncidentDesk.IncidentDeskClient>(builder.Configuration, "Incidents");
        // The watch runs where the daemon runs (Daemon:Enabled), like the other background work.
        if (builder.Configuration.GetValue("Daemon:Enabled", true))
        {
            // One loop for both watches, led by one replica at a time (an advisory lock).
            builder.Services.AddSingleton<Watch.KioskWatch>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<Watch.KioskWatch>());
        }
        builder.Services.AddAuthorizationBuilder().AddPolicy(KiosksApi.StaffOrKioskPolicy,
            p => p.RequireAuthenticatedUser().RequireRole(BuildingBlocks.Auth.OmnichannelRoles.Staff, BuildingBlocks.Auth.OmnichannelRoles.Kiosk));
        return builder;
    }
}

/// <summary>Configuration section "Kiosks".</summary>
public sealed class KioskOptions
{
    public const string Section = "Kiosks";

    /// <summary>How long a kiosk token lives: a revoked kiosk is refused at once anyway (its state is read on every call).</summary>
    public int TokenMinutes { get; set; } = 15;

    /// <summary>How long the old credential keeps working after a rotation, unless the rotation says otherwise.</summary>
    public int RotationGraceHours { get; set; } = 24;

    /// <summary>How often the offline watcher looks.</summary>
    public int WatchIntervalSeconds { get; set; } = 15;

    /// <summary>Open time without a heartbeat after which a kiosk is offline (three missed 30-second heartbeats).</summary>
    public int OfflineAfterSeconds { get; set; } = 90;

    /// <summary>A session with no action for this long ends by itself (and its wipe is asked for).</summary>
    public int SessionIdleSeconds { get; set; } = 120;

    /// <summary>A wipe not acknowledged within this takes the kiosk out of service until it is.</summary>
    public int WipeAcknowledgeSeconds { get; set; } = 60;
}
