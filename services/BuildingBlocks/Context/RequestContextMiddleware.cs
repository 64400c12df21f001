using Microsoft.AspNetCore.Http;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.BuildingBlocks.Context;

/// <summary>Reads the tenant (token claim first, then the header the gateway and other services
/// send) and the correlation id of each request, and echoes the correlation id back.</summary>
public sealed class RequestContextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var tenant = http.User.FindFirst(TokenIssuer.TenantClaim)?.Value;
        if (string.IsNullOrWhiteSpace(tenant))
            tenant = http.Request.Headers[RequestContext.TenantHeader].FirstOrDefault();
        if (tenant is not null && !RequestContext.IsValidTenantId(tenant.Trim()))
            tenant = null; // an unusable tenant is treated as none: RequiredTenantId then rejects with 400

        var correlation = http.Request.Headers[RequestContext.CorrelationHeader].FirstOrDefault();
        if (correlation is { Length: > 100 }) correlation = null;

        using var scope = RequestContext.Begin(tenant, correlation);
        http.Response.Headers[RequestContext.CorrelationHeader] = RequestContext.CorrelationId;
        System.Diagnostics.Activity.Current?.SetTag("omnichannel.tenant", RequestContext.TenantId);
        System.Diagnostics.Activity.Current?.SetTag("omnichannel.correlation_id", RequestContext.CorrelationId);
        await next(http);
    }
}
