using Omnichannel.BuildingBlocks.Context;

namespace Omnichannel.Gateway;

/// <summary>
/// First thing on every request:
/// <list type="bullet">
/// <item>drops any <c>X-Tenant-Id</c> the client sent: the council comes from the token only
/// (the proxy sets it again from the <c>tenant</c> claim), so a client can never pick another council;</item>
/// <item>keeps the client's <c>X-Correlation-Id</c> when it is at most 100 characters, otherwise
/// creates one, and writes it back into the request so the proxied call carries the same id;</item>
/// <item>sets <c>Omnichannel-Arrived-At</c> (replacing a client's) to when the gateway received the request;</item>
/// <item>opens the request context with that id around the whole pipeline, so problem details written
/// on the way out (status code pages, exception handler, rate limiter) quote the same id as the header.</item>
/// </list>
/// </summary>
public sealed class InboundHeadersMiddleware(RequestDelegate next, TimeProvider clock)
{
    public const int MaxCorrelationIdLength = 100;

    public const string ArrivedAtHeader = "Omnichannel-Arrived-At";

    /// <summary>"1764490000123.456": Unix milliseconds with three decimals (microseconds), read as a plain number.</summary>
    public static string ArrivedAt(DateTimeOffset now)
    {
        var ticks = (now - DateTimeOffset.UnixEpoch).Ticks;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ticks / TimeSpan.TicksPerMillisecond}.{ticks % TimeSpan.TicksPerMillisecond / 10:D3}");
    }

    public async Task InvokeAsync(HttpContext http)
    {
        var headers = http.Request.Headers;
        headers.Remove(RequestContext.TenantHeader);
        // When the gateway received the request (Unix ms, to the microsecond): the waiting room orders a crowd by it. Only
        // the gateway sets it. Microseconds because a crowd arrives several to the millisecond, and whole milliseconds left
        // their order to whichever join the database got to first.
        headers[ArrivedAtHeader] = ArrivedAt(clock.GetUtcNow());

        var correlation = headers[RequestContext.CorrelationHeader].FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(correlation) || correlation.Length > MaxCorrelationIdLength)
            correlation = RequestContext.NewCorrelationId();
        headers[RequestContext.CorrelationHeader] = correlation;

        using var scope = RequestContext.Begin(tenantId: null, correlation);
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[RequestContext.CorrelationHeader] = correlation;
            return Task.CompletedTask;
        });
        await next(http);
    }
}
