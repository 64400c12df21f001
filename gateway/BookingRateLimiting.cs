using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Omnichannel.Gateway;

/// <summary>Configuration section "RateLimiting:Booking": the stricter limits of the booking routes.</summary>
public sealed class BookingRateLimitingOptions
{
    public const string Section = "RateLimiting:Booking";

    public int PerClientPerMinute { get; set; } = 120;
    public int PerClientBurst { get; set; } = 30;
    public int PerCitizenPerMinute { get; set; } = 6;
    public int PerCitizenBurst { get; set; } = 3;
}

/// <summary>
/// The "booking" policy of the routes that take appointment slots (<c>POST /api/appointments/citizens/{citizenId}/…</c>):
/// a request needs a permit from its client's bucket <b>and</b> from its citizen's bucket, so neither a bot behind one
/// token nor many clients acting for one citizen can take a day's slots in a burst. Rejections are the same 429
/// problem details as the per-client policy.
/// </summary>
public static class BookingRateLimiting
{
    public const string PolicyName = "booking";

    public static IServiceCollection AddBookingRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(BookingRateLimitingOptions.Section).Get<BookingRateLimitingOptions>() ?? new();
        if (settings.PerClientPerMinute <= 0 || settings.PerClientBurst <= 0 || settings.PerCitizenPerMinute <= 0 || settings.PerCitizenBurst <= 0)
            throw new InvalidOperationException("RateLimiting:Booking:* must be positive.");
        var perClient = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(ClientPart(key),
            _ => ClientRateLimiting.Bucket(new RateLimitingOptions { PermitsPerMinute = settings.PerClientPerMinute, BurstPermits = settings.PerClientBurst })));
        var perCitizen = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(CitizenPart(key),
            _ => ClientRateLimiting.Bucket(new RateLimitingOptions { PermitsPerMinute = settings.PerCitizenPerMinute, BurstPermits = settings.PerCitizenBurst })));
        var both = PartitionedRateLimiter.CreateChained(perClient, perCitizen);

        services.Configure<RateLimiterOptions>(o => o.AddPolicy(PolicyName, http =>
        {
            var key = $"{ClientRateLimiting.ClientKey(http)}|{http.User.FindFirst(Omnichannel.BuildingBlocks.Auth.TokenIssuer.TenantClaim)?.Value}/{http.Request.RouteValues["citizenId"]}";
            return RateLimitPartition.Get(key, k => new KeyedLimiter(both, k));
        }));
        return services;
    }

    private static string ClientPart(string key) => key[..key.IndexOf('|')];

    private static string CitizenPart(string key) => key[(key.IndexOf('|') + 1)..];

    /// <summary>One (client, citizen) pair's view of the shared chained limiter.</summary>
    private sealed class KeyedLimiter(PartitionedRateLimiter<string> limiter, string key) : RateLimiter
    {
        private long lastUsed = Environment.TickCount64;

        public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastUsed));

        public override RateLimiterStatistics? GetStatistics() => limiter.GetStatistics(key);

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Interlocked.Exchange(ref lastUsed, Environment.TickCount64);
            return limiter.AttemptAcquire(key, permitCount);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref lastUsed, Environment.TickCount64);
            return limiter.AcquireAsync(key, permitCount, cancellationToken);
        }
    }
}
