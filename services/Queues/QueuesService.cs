using JasperFx.Events.Projections;
using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Contracts.Grpc.Appointments.V1;
using Omnichannel.Queues.AppointmentLine;
using Omnichannel.Queues.OfficeDirectory;
using Omnichannel.Queues.Offices;
using Omnichannel.Queues.Procedures;

namespace Omnichannel.Queues;

/// <summary>How the queues service plugs into the building blocks: its schema, read models, outgoing events and consumers.</summary>
public static class QueuesService
{
    public static readonly ServiceSetup Setup = new()
    {
        Name = "queues",
        Assembly = typeof(QueuesService).Assembly,
        IntegrationEvents = typeof(IntegrationEvents),
        EventStore = options =>
        {
            options.Projections.Add<OfficeViewProjection>(ProjectionLifecycle.Inline);
        },
        Consumers = bus =>
        {
            bus.AddConsumer<CitizenCheckedInConsumer>();
            bus.AddConsumer<OfficeRegisteredConsumer>();
            bus.AddConsumer<OfficeChangedConsumer>();
            bus.AddConsumer<OfficeClosedForDayConsumer>();
        },
        // Its offices are streams of its own (lines, desks, days); it only needs the directory's catch-up.
        OfficeDirectory = OfficeDirectoryCopy.OwnConsumers,
    };

    public static WebApplicationBuilder AddQueuesServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OfficeDays>();
        builder.Services.AddScoped<ProcedureAttention>();
        // Walk-ins refused by the 15-minute rule are offered slots from the appointments service, when it is configured.
        if (GrpcSetup.ServiceAddress(builder.Configuration, "appointments") is not null)
        {
            builder.Services.AddServiceClient<AppointmentBook.AppointmentBookClient>(builder.Configuration, "Appointments");
            builder.Services.AddScoped<IAppointmentSlots, AppointmentBookSlots>();
        }
        else
        {
            builder.Services.AddSingleton<IAppointmentSlots, AppointmentSlotsUnavailable>();
        }
        builder.Services.AddProcedureCatalogue(builder.Configuration);
        return builder;
    }
}
