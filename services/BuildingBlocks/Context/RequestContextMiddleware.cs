using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.Auth;

namespace Omnichannel.BuildingBlocks.Context;

/// <summary>First in the pipeline: the correlation id (the client's, if usable), so even an error written on the way
/// out carries the same id. No council yet: it comes only from a verified token (<see cref="TenantMiddleware"/>);
/// an <c>X-Tenant-Id</c> header is ignored, whoever sends it.</summary>
public sealed class CorrelationMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var correlation = http.Request.Headers[RequestContext.CorrelationHeader].FirstOrDefault();
        if (correlation is { Length: > 100 }) correlation = null;

        using var scope = RequestContext.Begin(tenantId: null, correlation);
        http.Response.Headers[RequestContext.CorrelationHeader] = RequestContext.CorrelationId;
        System.Diagnostics.Activity.Current?.SetTag("omnichannel.correlation_id", RequestContext.CorrelationId);
        await next(http);
    }

    /// <summary>An unusable tenant is treated as none.</summary>
    internal static string? UsableTenant(string? tenant) =>
        tenant is not null && RequestContext.IsValidTenantId(tenant.Trim()) ? tenant.Trim() : null;
}

/// <summary>After authentication: the council of the request is the verified token's <c>tenant</c> claim and nothing
/// else, so a caller holding a token for one council cannot act in another. A token without a valid council is
/// refused here (403) on every route, the service's own ports included; a request without a token goes on without a
/// council, to be refused by authorization unless the route is public.</summary>
public sealed class TenantMiddleware(RequestDelegate next)
{
    public const string NoCouncilTitle = "No council in the token.";

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }

        var claimed = CorrelationMiddleware.UsableTenant(http.User.FindFirst(TokenIssuer.TenantClaim)?.Value);
        // gRPC goes on without a council: ServiceIdentityInterceptor answers it with a gRPC status.
        if (claimed is null && !http.Request.ContentType.IsGrpc())
        {
            await Refuse(http);
            return;
        }

        using var scope = RequestContext.Begin(claimed, RequestContext.CorrelationId);
        System.Diagnostics.Activity.Current?.SetTag("omnichannel.tenant", claimed);
        await next(http);
    }

    private static async Task Refuse(HttpContext http)
    {
        const string detail = "The token has no valid 'tenant' claim, so no council can be told for this request.";
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = NoCouncilTitle, Detail = detail },
        });
    }
}

internal static class GrpcContentType
{
    public static bool IsGrpc(this string? contentType) => contentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
}
