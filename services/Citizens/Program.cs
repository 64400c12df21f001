using Omnichannel.BuildingBlocks;
using Omnichannel.Citizens.Grpc;
using Omnichannel.Citizens.History;

namespace Omnichannel.Citizens;

/// <summary>A class, not top-level statements, so tests can host several services side by side.</summary>
public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(CitizensService.Setup);
        builder.AddCitizensServices();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapCitizensApi();
        app.MapHistoryApi();
        app.MapGrpcService<CitizenDirectoryService>();
        app.Run();
    }
}
