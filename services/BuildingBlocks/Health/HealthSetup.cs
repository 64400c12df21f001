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
        });
        return app;
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
