using Omnichannel.BuildingBlocks;
using Omnichannel.Procedures.Campaigns;
using Omnichannel.Procedures.Cases;
using Omnichannel.Procedures.Catalogue;
using Omnichannel.Procedures.Grpc;

namespace Omnichannel.Procedures;

/// <summary>A class, not top-level statements, so tests can host several services side by side.</summary>
public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(ProceduresService.Setup);
        builder.AddProceduresServices();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapCatalogueApi();
        app.MapCampaignsApi();
        app.MapCasesApi();
        app.MapGrpcService<ProcedureCatalogueService>();
        app.MapGrpcService<CaseTrackingService>();
        app.MapGrpcService<CaseNotificationsService>();
        app.Run();
    }
}
