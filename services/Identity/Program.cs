using Omnichannel.BuildingBlocks;

namespace Omnichannel.Identity;

/// <summary>A class, not top-level statements, so tests can host several services side by side.</summary>
public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(IdentityService.Setup);
        builder.AddIdentityServices();

        var app = builder.Build();
        // Before OpenIddict (which runs with authentication) reads any parameter.
        app.UseMiddleware<Protocol.ProtocolInputGuard>();
        app.MapDefaultEndpoints();
        app.MapIdentityEndpoints();
        app.Run();
    }
}
