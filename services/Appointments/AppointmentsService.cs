using JasperFx.Events.Projections;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Invitations;
using Omnichannel.Appointments.Callbacks;
using Omnichannel.Appointments.Closures;
using Omnichannel.Appointments.DemoData;
using Omnichannel.Appointments.NoShows;
using Omnichannel.Appointments.Offices;
using Omnichannel.Appointments.Reminders;
using Omnichannel.Appointments.Slots;
using Omnichannel.Appointments.WaitingRoom;
using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Contracts.Grpc.Citizens.V1;
using Omnichannel.Contracts.Grpc.Procedures.V1;

namespace Omnichannel.Appointments;

/// <summary>How the appointments service plugs into the building blocks: its schema, read models and outgoing events.</summary>
public static class AppointmentsService
{
    public static readonly ServiceSetup Setup = new()
    {
        Name = "appointments",
        Assembly = typeof(AppointmentsService).Assembly,
        IntegrationEvents = typeof(IntegrationEvents),
        Consumers = bus =>
        {
            bus.AddConsumer<CitizenRegisteredConsumer>();
            bus.AddConsumer<Offices.AnnouncingAgain.OfficeDirectoryRequestedConsumer>();
        },
        Subscriptions = marten =>
        {
            marten.AddSubscriptionWithServices<ClosureSubscription>(ServiceLifetime.Singleton);
            marten.AddSubscriptionWithServices<WaitingList.Telling.WaitingListSubscription>(ServiceLifetime.Singleton);
        },
        EventStore = options =>
        {
            // Inline: a slot taken is gone from the next search, a code given is found at once.
            options.Projections.Add<OfficeViewProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<SlotOccupancyProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<AppointmentViewProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<CallbackViewProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<AppointmentView>().UniqueIndex(a => a.Code).Index(a => a.CitizenId).Index(a => a.StartsAt);
            options.Schema.For<SlotOccupancy>().Index(s => s.ProcedureCode).Index(s => s.StartsAt);
            options.Schema.For<CallbackView>().Index(c => c.CallAt);
            // Created at start: the waiting room's join looks a citizen up in its table in the same statement.
            options.Schema.For<KnownCitizen>();
        },
    };

    public static WebApplicationBuilder AddAppointmentsServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BookingPolicy>().Bind(builder.Configuration.GetSection(BookingPolicy.Section))
            .Validate(p => p.BookingHorizonDays > 0 && p.MinimumNoticeMinutes >= 0 && p.HoldMinutes > 0 && p.NoShowGraceMinutes >= 0
                && p.ReminderHoursBefore > 0 && p.WatchIntervalSeconds > 0 && p.CheckInOpensMinutesBefore >= 0, "Appointments:* must be positive.")
            .ValidateOnStart();
        services.AddOptions<InvitationOrganizer>().Bind(builder.Configuration.GetSection(InvitationOrganizer.Section))
            .Validate(o => o.IsValid(), "Appointments:Organizer needs a Name and a plain e-mail address (also per council).")
            .ValidateOnStart();
        services.AddOptions<CalendarLinkOptions>().Bind(builder.Configuration.GetSection(CalendarLinkOptions.Section))
            .Validate(o => o.ValidDays > 0, "Appointments:CalendarLinks:ValidDays must be positive.").ValidateOnStart();
        services.AddSingleton<CalendarLinks>();
        services.AddScoped<ProcedureDurations>();
        services.AddScoped<SlotFinder>();
        services.AddScoped<Bookings>();
        services.AddScoped<CitizenCheck>();
        services.AddScoped<CitizenPreferences>();
        services.AddScoped<ClosureRelocation>();
        services.AddSingleton<SlotGate>();
        services.AddSingleton<SlotChanges>();
        services.AddSingleton<SlotSearchCache>();
        services.AddProcedureCatalogue(builder.Configuration);
        services.AddCitizenDirectoryCheck(builder.Configuration);
        services.AddWaitingRoom(builder.Configuration);
        services.AddHostedService<DemoOffices>();
        services.AddSingleton<AppointmentWatcher>();
        if (EventStoreSetup.DaemonEnabled(builder.Configuration))
            services.AddHostedService(sp => sp.GetRequiredService<AppointmentWatcher>());
        return builder;
    }
}
