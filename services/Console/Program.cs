using Omnichannel.BuildingBlocks;

namespace Omnichannel.StaffConsole;

/// <summary>A class, not top-level statements, so tests can host several services side by side.</summary>
public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Run from a build (the local run, the tests) in any environment, the framework's script and the stylesheet are
        // served from the build's static web assets manifest; a published image has none and serves its wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.AddServiceDefaults(ConsoleService.Setup);
        builder.AddConsoleServices();

        var app = builder.Build();
        app.UseConsoleRequestPipeline();
        app.MapDefaultEndpoints();
        app.MapConsole();
        app.Run();
    }
}
