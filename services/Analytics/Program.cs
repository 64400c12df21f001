using Omnichannel.BuildingBlocks;

namespace Omnichannel.Analytics;

/// <summary>A class, not top-level statements, so tests can host several services side by side.</summary>
public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(AnalyticsService.Setup);
        builder.AddAnalyticsServices();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapAnalyticsApi();
        app.Run();
    }
}
