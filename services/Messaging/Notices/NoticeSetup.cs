using JasperFx.Events.Projections;
using Marten;
using MassTransit;

namespace Omnichannel.Messaging.Notices;

/// <summary>The notices' part of the messaging service: their stream's view, their consumers, their sending.</summary>
public static class NoticeSetup
{
    public static void Schema(StoreOptions options)
    {
        options.Projections.Add<NoticeViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<NoticeView>().Index(n => n.CitizenId);
        options.Schema.For<NoticeMessage>();
    }

    public static void Consumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<AppointmentReminderNotice>();
        bus.AddConsumer<AppointmentMovedByClosureNotice>();
        bus.AddConsumer<AppointmentCancelledByClosureNotice>();
        bus.AddConsumer<WaitingListPlaceFreedNotice>();
        bus.AddConsumer<TicketHolderIsNextNotice>();
        bus.AddConsumer<IncidentProgressedNotice>();
        bus.AddConsumer<CaseStatusChangedNotice>();
        bus.AddConsumer<NotificationIssuedNotice>();
    }

    public static IServiceCollection AddNotices(this IServiceCollection services)
    {
        services.AddScoped<NoticeRequests>();
        services.AddScoped<NoticeDelivery>();
        services.AddScoped<NoticeReports>();
        return services;
    }
}
