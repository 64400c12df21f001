using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.Gateway;

/// <summary>Configuration section "RateLimiting": a token bucket per client.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Sustained rate each client may send, per minute.</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>How many requests a client may send at once after being idle (the bucket size).</summary>
    public int BurstPermits { get; set; } = 100;

    /// <summary>Clients allowed more (or less) than the default, by their token's subject: a portal or a bot backend
    /// that serves many citizens with one client token, e.g. <c>RateLimiting:Clients:web-portal:PermitsPerMinute</c>.</summary>
    public Dictionary<string, ClientAllowance> Clients { get; set; } = new(StringComparer.Ordinal);

    public RateLimitingOptions For(string? subject) =>
        subject is not null && Clients.TryGetValue(subject, out var allowance)
            ? new RateLimitingOptions { PermitsPerMinute = allowance.PermitsPerMinute, BurstPermits = allowance.BurstPermits }
            : this;
}

public sealed class ClientAllowance
{
    public int PermitsPerMinute { get; set; }
    public int BurstPermits { get; set; }
}

/// <summary>
/// The "per-client" policy that API routes name in their <c>RateLimiterPolicy</c> route setting.
/// A client is the token's subject within its council (<c>tenant</c>/<c>sub</c>); requests without a
/// valid token are counted per remote IP. Rejections are 429 problem details with <c>Retry-After</c>.
/// </summary>
public static class ClientRateLimiting
{
    public const string PolicyName = "per-client";

    /// <summary>The partitioned limiter replenishes buckets on a 100 ms timer: no point in finer periods.</summary>
    private static readonly TimeSpan MinimumPeriod = TimeSpan.FromMilliseconds(100);

    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>()
            .Bind(configuration.GetSection(RateLimitingOptions.Section))
            .Validate(o => o.PermitsPerMinute > 0 && o.BurstPermits > 0 && o.Clients.Values.All(c => c.PermitsPerMinute > 0 && c.BurstPermits > 0),
                "RateLimiting:PermitsPerMinute and RateLimiting:BurstPermits (also under RateLimiting:Clients:<subject>) must be positive.")
            .ValidateOnStart();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejected;
            options.AddPolicy(PolicyName, http =>
            {
                var settings = http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitingOptions>>().CurrentValue;
                var subject = http.User.Identity?.IsAuthenticated == true ? http.User.FindFirst("sub")?.Value : null;
                return RateLimitPartition.GetTokenBucketLimiter(ClientKey(http), _ => Bucket(settings.For(subject)));
            });
        });
        return services;
    }

    public static string ClientKey(HttpContext http)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var subject = user.FindFirst("sub")?.Value;
            var tenant = user.FindFirst(TokenIssuer.TenantClaim)?.Value;
            if (!string.IsNullOrEmpty(subject))
                return $"client:{tenant}/{subject}";
        }
        return $"ip:{http.Connection.RemoteIpAddress}";
    }

    internal static TokenBucketRateLimiterOptions Bucket(RateLimitingOptions settings)
    {
        var period = TimeSpan.FromMinutes(1) / settings.PermitsPerMinute;
        if (period < MinimumPeriod) period = MinimumPeriod;
        var tokensPerPeriod = Math.Max(1, (int)Math.Round(settings.PermitsPerMinute * (period / TimeSpan.FromMinutes(1))));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.BurstPermits,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static async ValueTask OnRejected(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await GatewayProblems.Write(http, StatusCodes.Status429TooManyRequests, "Too many requests.",
            $"This client has sent too many requests. Retry after {seconds} second{(seconds == 1 ? "" : "s")}.");
    }
}
