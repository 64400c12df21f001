using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.Contracts.Grpc.Citizens.V1;
using Omnichannel.Procedures.DemoData;
using Omnichannel.BuildingBlocks;
using Omnichannel.Procedures.Campaigns;
using Omnichannel.Procedures.Cases.Tracking;
using Omnichannel.Procedures.Catalogue.Browsing;

namespace Omnichannel.Procedures;

/// <summary>How the procedures service plugs into the building blocks: its schema, read models and outgoing events.</summary>
public static class ProceduresService
{
    public static readonly ServiceSetup Setup = new()
    {
        Name = "procedures",
        Assembly = typeof(ProceduresService).Assembly,
        IntegrationEvents = typeof(IntegrationEvents),
        EventStore = options =>
        {
            // Inline: a citizen who submits a case can look it up by its code at once.
            options.Projections.Add<ProcedureViewProjection>(JasperFx.Events.Projections.ProjectionLifecycle.Inline);
            options.Projections.Add<CampaignViewProjection>(JasperFx.Events.Projections.ProjectionLifecycle.Inline);
            options.Projections.Add<CaseViewProjection>(JasperFx.Events.Projections.ProjectionLifecycle.Inline);
            options.Schema.For<CaseView>().UniqueIndex(c => c.TrackingCode);
            // A citizen's notifications are listed from their cases (the kiosk, once they are identified).
            options.Schema.For<CaseView>().Index(c => c.CitizenId);
        },
    };

    public static WebApplicationBuilder AddProceduresServices(this WebApplicationBuilder builder)
    {
        // Erasure keeps the register of submitted cases (Law 39/2015: the registry entry), masked to the minimum.
        builder.Services.AddSingleton<Omnichannel.BuildingBlocks.PersonalData.IErasureParticipant>(new Omnichannel.BuildingBlocks.PersonalData.KeptByLaw(
            "the registry entry of each submitted case (tracking code, procedure, channel, dates and statuses) with its summary and notes masked, "
            + "and of each notification (when it was issued and first accessed, through which channel) with its title and text masked"));
        builder.Services.AddHostedService<DemoCatalogue>();
        builder.Services.AddCitizenDirectoryCheck(builder.Configuration);
        return builder;
    }
}
