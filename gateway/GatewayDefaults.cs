using Microsoft.Extensions.DependencyInjection.Extensions;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Health;
using Omnichannel.BuildingBlocks.Http;
using Omnichannel.BuildingBlocks.Telemetry;

namespace Omnichannel.Gateway;

/// <summary>The gateway's share of the building blocks: auth, problem details, telemetry, health,
/// plus its own edge concerns (inbound headers, per-client rate limits, request size).
/// Not <c>AddServiceDefaults</c>: the gateway has no event store and no bus.</summary>
public static class GatewayDefaults
{
    public const string ServiceName = "gateway";

    public static WebApplicationBuilder AddGatewayDefaults(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.TryAddSingleton(TimeProvider.System);
        services.AddTokenAuth(configuration); // throws at start-up when Auth:SigningKey is missing or short
        services.AddProblemHandling();
        services.AddTelemetry(configuration, ServiceName);
        services.AddHealth(configuration, usesStorage: false);
        services.AddClientRateLimiting(configuration);
        services.AddBookingRateLimiting(configuration);
        services.Configure<AdmissionOptions>(configuration.GetSection(AdmissionOptions.Section));
        builder.AddRequestLimits();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
        return builder;
    }

    /// <summary>Order matters: inbound headers are cleaned before anything reads them; errors become
    /// problem details; admission control turns a crowd away before the rate limiter counts its tries;
    /// the rate limiter sees the authenticated client (and counts bad tokens per IP) before authorization
    /// turns them into 401s.</summary>
    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        app.UseMiddleware<InboundHeadersMiddleware>();
        app.UseProblemHandling();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<TenantMiddleware>();
        app.UseMiddleware<AdmissionMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The port of the gateway's internal listener, the only one that serves /metrics (the chart: 9090).</summary>
    public const string MetricsPortSetting = "Gateway:MetricsPort";

    /// <summary>/health/live, /health/ready (the gateway checks nothing external), and /metrics on the internal listener
    /// only: the public one is what the internet reaches, and metrics tell an attacker the platform's routes, load and
    /// failures. Without <see cref="MetricsPortSetting"/> the gateway serves no metrics at all. The port the request
    /// came in on is checked, not its Host header, which any client can write.</summary>
    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        if (app.Configuration.GetValue<int?>(MetricsPortSetting) is { } port)
            app.UseOpenTelemetryPrometheusScrapingEndpoint(http => http.Connection.LocalPort == port && http.Request.Path == "/metrics");
        return app;
    }
}
