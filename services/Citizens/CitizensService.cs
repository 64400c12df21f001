using JasperFx.Events.Projections;
using Marten;
using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Citizens.History;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.LookingUp;
using Omnichannel.Contracts;
using JasperFx.Events;
using Omnichannel.BuildingBlocks.Messaging;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Citizens;

/// <summary>How the citizens service plugs into the building blocks.</summary>
public static class CitizensService
{
    public static readonly ServiceSetup Setup = new()
    {
        Name = "citizens",
        Assembly = typeof(CitizensService).Assembly,
        IntegrationEvents = typeof(IntegrationEvents),
        EventStore = options =>
        {
            // Inline: a channel that registers a citizen can read the profile back at once; the history
            // line is written by a consumer anyway, so inline costs it nothing.
            options.Projections.Add<CitizenViewProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<HistoryEntryProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<HistoryEntry>().Index(h => h.CitizenId).Index(h => h.At);
            options.Schema.For<IdentityIndexEntry>();
        },
        // One consumer per declared history line (HistoryLines).
        Consumers = bus =>
        {
            bus.AddHistoryConsumers();
            bus.AddConsumer<Erasing.CitizenDataErasedConsumer>();
        },
        // The office names those lines show.
        OfficeDirectory = OfficeDirectoryCopy.Documents,
    };

    public static WebApplicationBuilder AddCitizensServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NationalIdKey>();
        builder.Services.AddSingleton<IdentityKeys>();
        builder.Services.AddHostedService<EmailIndexRepair>();
        builder.Services.AddSingleton<Omnichannel.BuildingBlocks.PersonalData.IErasureParticipant, Erasing.CitizenIdentitiesErasure>();
        builder.Services.AddSingleton<Exporting.CitizenRecordsFanOut>();
        builder.Services.AddScoped<ProcedureNames>();
        builder.Services.AddProcedureCatalogue(builder.Configuration);
        return builder;
    }
}

/// <summary>Which of the citizens service's events other services hear about (no personal data).</summary>
public sealed class IntegrationEvents : IIntegrationEventMapper
{
    public string Source => "/omnichannel/citizens";

    public IIntegrationEvent? Map(IEvent stored) => stored.Data switch
    {
        CitizenRegistered e => new V1.CitizenRegistered(stored.TenantId, e.At, e.CitizenId, e.Channel, e.Preferences.Language),
        ChannelIdentityLinked e => new V1.ChannelIdentityLinked(stored.TenantId, e.At, e.CitizenId, null, e.Kind),
        Consenting.ConsentGiven e => new V1.CitizenConsentGiven(stored.TenantId, e.At, e.CitizenId, e.Channel, e.ConsentId, e.Purpose, e.TextVersion, e.Language),
        Consenting.ConsentWithdrawn e => new V1.CitizenConsentWithdrawn(stored.TenantId, e.At, e.CitizenId, e.Channel, e.ConsentId, e.Purpose),
        Erasing.ErasureRequested e => new V1.CitizenErasureRequested(stored.TenantId, e.At, e.CitizenId, null, e.RequestId, e.IdentityDigests),
        _ => null,
    };
}
