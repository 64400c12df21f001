using Microsoft.AspNetCore.Http;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.BuildingBlocks.Context;

/// <summary>First in the pipeline: the correlation id (the client's, if usable) and the tenant header that
/// the gateway and other services send, so even an error written on the way out carries the same id.</summary>
public sealed class CorrelationMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var correlation = http.Request.Headers[RequestContext.CorrelationHeader].FirstOrDefault();
        if (correlation is { Length: > 100 }) correlation = null;

        using var scope = RequestContext.Begin(UsableTenant(http.Request.Headers[RequestContext.TenantHeader].FirstOrDefault()), correlation);
        http.Response.Headers[RequestContext.CorrelationHeader] = RequestContext.CorrelationId;
        System.Diagnostics.Activity.Current?.SetTag("omnichannel.correlation_id", RequestContext.CorrelationId);
        await next(http);
    }

    /// <summary>An unusable tenant is treated as none: RequiredTenantId then rejects with a 400.</summary>
    internal static string? UsableTenant(string? tenant) =>
        tenant is not null && RequestContext.IsValidTenantId(tenant.Trim()) ? tenant.Trim() : null;
}

/// <summary>After authentication: a token's tenant claim wins over any header, so a caller holding a
/// token for one council cannot act in another.</summary>
public sealed class TenantMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var claimed = CorrelationMiddleware.UsableTenant(http.User.FindFirst(TokenIssuer.TenantClaim)?.Value);
        if (claimed is null || claimed == RequestContext.TenantId)
        {
            System.Diagnostics.Activity.Current?.SetTag("omnichannel.tenant", RequestContext.TenantId);
            await next(http);
            return;
        }

        using var scope = RequestContext.Begin(claimed, RequestContext.CorrelationId);
        System.Diagnostics.Activity.Current?.SetTag("omnichannel.tenant", claimed);
        await next(http);
    }
}
