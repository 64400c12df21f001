using System.Collections.Concurrent;
using System.Globalization;
using Yarp.ReverseProxy.Model;

namespace Omnichannel.Gateway;

/// <summary>Configuration section "Admission": how many requests of each admission class (a route's
/// <c>Metadata:Admission</c>) one council may have inside the services at once.</summary>
public sealed class AdmissionOptions
{
    public const string Section = "Admission";

    public Dictionary<string, int> InFlight { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The longest wait a refusal asks for, in seconds. The wait itself is drawn between one second and the
    /// time the service needs to serve everyone refused in the last second (at the pace it served the last second),
    /// so a crowd comes back spread out instead of in one wave every second.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 10;
}

/// <summary>
/// Admission control for flash crowds (the day bookings open): a route whose metadata names an admission class
/// lets at most <c>Admission:InFlight:&lt;class&gt;</c> requests per council into the service at a time, and answers
/// the rest at once with a 429 problem and <c>Retry-After</c>, instead of letting thousands queue inside the service
/// until every one of them is slow. Nothing is taken or lost by a refusal: the citizen's request never reached the
/// service. It runs before the per-client and per-citizen rate limits, so a refused try does not use up a citizen's
/// few booking attempts.
/// </summary>
public sealed class AdmissionMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptionsMonitor<AdmissionOptions> options)
{
    public const string MetadataKey = "Admission";

    private readonly ConcurrentDictionary<(string Council, string Class), Gate> gates = new();

    public async Task InvokeAsync(HttpContext http)
    {
        var admission = http.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata?.GetValueOrDefault(MetadataKey);
        var settings = options.CurrentValue;
        if (admission is null || !settings.InFlight.TryGetValue(admission, out var limit) || limit <= 0)
        {
            await next(http);
            return;
        }

        var council = GatewayProxy.TenantOf(http.User) ?? "anonymous";
        var gate = gates.GetOrAdd((council, admission), _ => new Gate());
        if (Interlocked.Increment(ref gate.InFlight) > limit)
        {
            Interlocked.Decrement(ref gate.InFlight);
            var seconds = gate.Refused(Math.Max(1, settings.MaxRetryAfterSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await GatewayProblems.Write(http, StatusCodes.Status429TooManyRequests, "Many citizens are doing this right now.",
                $"Nothing was done with this request. Try it again in {seconds} second{(seconds == 1 ? "" : "s")}.");
            return;
        }
        try
        {
            await next(http);
        }
        finally
        {
            Interlocked.Decrement(ref gate.InFlight);
            gate.Served();
        }
    }

    /// <summary>One council's requests of one class: how many are inside, and the last second's refusals and answers.</summary>
    private sealed class Gate
    {
        public int InFlight;
        private long windowStart = Environment.TickCount64;
        private int refused, served, lastRefused, lastServed;

        public void Served()
        {
            Roll();
            Interlocked.Increment(ref served);
        }

        /// <summary>Counts a refusal and says how long this client should wait.</summary>
        public int Refused(int maxSeconds)
        {
            Roll();
            Interlocked.Increment(ref refused);
            var backlogSeconds = (int)Math.Ceiling(Volatile.Read(ref lastRefused) / (double)Math.Max(1, Volatile.Read(ref lastServed)));
            return Random.Shared.Next(1, Math.Clamp(backlogSeconds, 1, maxSeconds) + 1);
        }

        private void Roll()
        {
            var now = Environment.TickCount64;
            if (now - Volatile.Read(ref windowStart) < 1000) return;
            lock (this)
            {
                if (now - windowStart < 1000) return;
                var idle = now - windowStart >= 2000; // the window ended over a second ago: the last second saw nothing
                var refusedInWindow = Interlocked.Exchange(ref refused, 0);
                var servedInWindow = Interlocked.Exchange(ref served, 0);
                Volatile.Write(ref lastRefused, idle ? 0 : refusedInWindow);
                Volatile.Write(ref lastServed, idle ? 0 : servedInWindow);
                windowStart = now;
            }
        }
    }
}
