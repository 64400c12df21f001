using System.Globalization;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Omnichannel.BuildingBlocks;
using Omnichannel.StaffConsole.Components;
using Omnichannel.StaffConsole.Gateway;
using Omnichannel.StaffConsole.Session;
using Omnichannel.StaffConsole.Texts;
using Omnichannel.StaffConsole.Web;

namespace Omnichannel.StaffConsole;

/// <summary>How the console plugs into the building blocks (its schema <c>console</c> holds the staff sessions' tokens
/// and the data-protection key ring, so any replica reads any session), and its own parts: the sign-in, the typed
/// gateway client and the Blazor components.</summary>
public static class ConsoleService
{
    public static readonly ServiceSetup Setup = new()
    {
        Name = "console",
        Assembly = typeof(ConsoleService).Assembly,
        EventStore = options =>
        {
            options.Schema.For<StaffSession>();
            options.Schema.For<StaffPreferences>();
            options.Schema.For<KeyRingEntry>();
            options.Schema.For<Kiosk.KioskDevice>();
            options.Schema.For<DisplayDevice>();
        },
    };

    public static WebApplicationBuilder AddConsoleServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddDataProtection().SetApplicationName("omnichannel-console");
        services.AddSingleton(new KeyRingKey(configuration[KeyRingKey.Setting]));
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>, KeyRingSetup>();
        services.AddStaffSignIn(configuration);
        services.AddPanelsPolicies();
        services.AddBookingWindowPolicies();
        services.AddSingleton<StaffTokens>();
        services.AddHttpClient(GatewayClient.Name, client =>
        {
            client.BaseAddress = new Uri(configuration["Console:GatewayUrl"] ?? "http://localhost:8080");
            client.Timeout = TimeSpan.FromSeconds(30);
        }).AddHttpMessageHandler<PageLanguageHandler>(); // the page's language, for the services' error texts
        services.AddTransient<PageLanguageHandler>();
        services.AddScoped<GatewayClient>();
        Kiosk.KioskScreen.AddKioskScreen(services, configuration);
        services.AddDisplayDevices(configuration);
        services.AddCitizenWeb();
        T.CheckTables();
        services.AddScoped<T>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = T.Languages.Select(l => new CultureInfo(l)).ToList();
            o.DefaultRequestCulture = new RequestCulture("ca");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // The member of staff's choice (a cookie written at sign-in from their saved preference), else the browser's.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return builder;
    }

    /// <summary>Before the building blocks' middleware: the public address the gateway forwards (so the sign-in's
    /// redirect URI is the browser's origin), the path base the gateway routes (<c>/console</c>), the language.</summary>
    public static WebApplication UseConsoleRequestPipeline(this WebApplication app)
    {
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto };
        // Reached only through the gateway (the chart's network policy): its X-Forwarded-* are the browser's.
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        app.UseForwardedHeaders(forwarded);
        app.UsePathBase(app.Configuration["Console:PathBase"] ?? "/console");
        app.UseRouting();
        app.UseRequestLocalization();
        return app;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.UseAntiforgery();
        // Pages and assets are for browsers, not operations of an API: the service's OpenAPI document stays empty.
        app.MapStaticAssets().Add(e => e.Metadata.Add(new Microsoft.AspNetCore.Routing.ExcludeFromDescriptionAttribute()));
        AccountEndpoints.Map(app);
        Kiosk.KioskScreen.MapKioskScreen(app);
        DisplayDeviceEndpoints.Map(app);
        app.MapCitizenWeb();
        Conversations.ConversationFileEndpoints.Map(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            .Add(e => e.Metadata.Add(new Microsoft.AspNetCore.Routing.ExcludeFromDescriptionAttribute()));
        return app;
    }
}
