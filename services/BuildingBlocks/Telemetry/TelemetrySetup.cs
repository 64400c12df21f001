using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Omnichannel.BuildingBlocks.Telemetry;

public static class TelemetrySetup
{
    /// <summary>Console logs as <see cref="ConsoleLogging"/> sets them. Metrics from ASP.NET Core, HttpClient, the runtime, Npgsql, Marten and MassTransit, at /metrics (Prometheus)
    /// always. Traces (ASP.NET Core, HttpClient, gRPC clients, Npgsql, Marten, MassTransit, YARP) and OTLP only when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set (then logs too, e.g. to the local run's dashboard): spans nobody receives would still be built, tagged and dropped on every
    /// request and every SQL command. The sampler follows OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG.</summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        services.AddConsoleLogging();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService($"omnichannel-{serviceName}"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Marten", "MassTransit", "Npgsql", Reliability.DaemonWatchdog.MeterName)
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsInfrastructurePath(http.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddGrpcClientInstrumentation()
                    .AddNpgsql()
                    .AddSource("Marten", "MassTransit", "Yarp.ReverseProxy"))
                .WithLogging()
                .UseOtlpExporter();
        return services;
    }

    public static bool IsInfrastructurePath(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    public static WebApplication MapTelemetryEndpoints(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
