using Omnichannel.BuildingBlocks;
using Omnichannel.Incidents.Grpc;
using Omnichannel.Incidents.Open311;

namespace Omnichannel.Incidents;

/// <summary>A class, not top-level statements, so tests can host several services side by side.</summary>
public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(IncidentsService.Setup);
        builder.AddIncidentsServices();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIncidentsApi();
        app.MapOpen311();
        app.MapGrpcService<IncidentDeskService>();
        app.Run();
    }
}
