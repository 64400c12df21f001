using Microsoft.Extensions.Diagnostics.HealthChecks;
using Omnichannel.Identity.Accounts;
using Omnichannel.Identity.Clients;
using Omnichannel.Identity.DemoData;

namespace Omnichannel.Identity;

/// <summary>At start: the tables, the configured clients, the demo staff. The service is not ready (its readiness check
/// says so) until they are done, so nobody signs in against a half-made store.</summary>
public sealed class IdentityStartup(IServiceProvider services, IConfiguration configuration, ILogger<IdentityStartup> logger) : BackgroundService, IHealthCheck
{
    private volatile bool done;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await IdentitySchema.EnsureAsync(services, stoppingToken);
                await ClientSync.ApplyAsync(services, logger, stoppingToken);
                await DemoStaff.LoadAsync(services, configuration, logger);
                done = true;
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && attempt < 30)
            {
                // PostgreSQL not there yet (the platform starts everything at once): try again shortly.
                logger.LogWarning(e, "Identity store not ready (attempt {Attempt}); trying again", attempt);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(done ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Accounts and clients are being prepared."));
}
