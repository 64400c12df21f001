using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Omnichannel.BuildingBlocks.Health;

public static class HealthSetup
{
    public const string ReadyTag = "ready";

    /// <summary>A check shown in /health/ready's body that does not make the instance unready: e.g. the outbox lag,
    /// which every replica shares, so taking them all out of traffic would only add an outage.</summary>
    public const string InformationalTag = "informational";

    /// <summary>/health/live: the process answers. /health/ready: PostgreSQL answers, the bus is connected
    /// (MassTransit's own check carries the "ready" tag) and the process is not draining for shutdown.</summary>
    public static IServiceCollection AddHealth(this IServiceCollection services, IConfiguration configuration, bool usesStorage)
    {
        var checks = services.AddHealthChecks().AddCheck<DrainingHealthCheck>("draining", tags: [ReadyTag]);
        if (usesStorage)
        {
            var connectionString = configuration.GetConnectionString("Postgres")!;
            checks.AddAsyncCheck("postgres", async ct =>
            {
                try
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(ct);
                    await using var command = new NpgsqlCommand("select 1", connection);
                    await command.ExecuteScalarAsync(ct);
                    return HealthCheckResult.Healthy();
                }
                catch (Exception e)
                {
                    return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", e);
                }
            }, tags: [ReadyTag]);
        }
        services.AddSingleton<DrainingHealthCheck>();
        return services;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            // MassTransit reports a bus whose receive endpoints are still starting as Degraded: not ready yet.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteReadinessAsync,
        });
        return app;
    }

    /// <summary>503 when a check that decides readiness is not Healthy; the body names every check's status
    /// (e.g. "outbox-lag": "Degraded" with its figures), so an operator sees why.</summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        var blocking = report.Entries.Values.Any(e => e.Status != HealthStatus.Healthy && !e.Tags.Contains(InformationalTag));
        context.Response.StatusCode = blocking ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        });
    }
}

/// <summary>Turns readiness false as soon as shutdown begins, so Kubernetes stops sending traffic
/// while in-flight requests and messages finish.</summary>
public sealed class DrainingHealthCheck : IHealthCheck
{
    private volatile bool draining;

    public DrainingHealthCheck(Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime) =>
        lifetime.ApplicationStopping.Register(() => draining = true);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(draining ? HealthCheckResult.Unhealthy("Shutting down.") : HealthCheckResult.Healthy());
}
