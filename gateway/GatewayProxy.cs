using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Context;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Omnichannel.Gateway;

/// <summary>
/// YARP, with a cluster and the plain routes of every service its launcher names (<see cref="ServiceRoutes"/>), plus
/// the routes with rules of their own from the "ReverseProxy" configuration section. In code only what holds for every route:
/// the council header from the token, secure defaults, size limits, and errors as problem details.
/// </summary>
public static class GatewayProxy
{
    public const string SectionName = "ReverseProxy";

    public static WebApplicationBuilder AddGatewayProxy(this WebApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromServices(builder.Configuration)
            .LoadFromConfig(builder.Configuration.GetSection(SectionName))
            .AddConfigFilter<RouteDefaults>()
            .AddTransforms(context => context.AddRequestTransform(transform =>
            {
                // The inbound X-Tenant-Id was already dropped; the only council a service hears of is the token's.
                var headers = transform.ProxyRequest.Headers;
                headers.Remove(RequestContext.TenantHeader);
                if (TenantOf(transform.HttpContext.User) is { } tenant)
                    headers.TryAddWithoutValidation(RequestContext.TenantHeader, tenant);
                return ValueTask.CompletedTask;
            }));
        return builder;
    }

    public static WebApplication MapGatewayProxy(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.UseTenantFromToken();
            proxy.UseRequestBodyLimit();
            proxy.UseForwardingProblems();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }

    /// <summary>The token's council, when it names a valid one.</summary>
    public static string? TenantOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && user.FindFirst(TokenIssuer.TenantClaim)?.Value is { } tenant
        && RequestContext.IsValidTenantId(tenant)
            ? tenant
            : null;

    /// <summary>A route that needs a token also needs a council in it: a token without a valid
    /// <c>tenant</c> claim gets a 403 problem and never reaches a service.</summary>
    private static void UseTenantFromToken(this IReverseProxyApplicationBuilder proxy) =>
        proxy.Use(async (http, next) =>
        {
            var anonymous = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null;
            if (!anonymous && TenantOf(http.User) is null)
            {
                await GatewayProblems.Write(http, StatusCodes.Status403Forbidden, "No council in the token.",
                    "The token has no valid 'tenant' claim, so the gateway cannot tell which council the request is for.");
                return;
            }
            await next();
        });

    /// <summary>YARP answers a failed forward with a bare status code; turn it into a problem that says
    /// which service failed and how (502 unreachable, 503 no healthy instance, 504 too slow).</summary>
    private static void UseForwardingProblems(this IReverseProxyApplicationBuilder proxy) =>
        proxy.Use(async (http, next) =>
        {
            await next();
            var error = http.GetForwarderErrorFeature();
            if (error is null || http.Response.HasStarted || http.RequestAborted.IsCancellationRequested) return;

            var service = http.GetReverseProxyFeature().Route.Config.ClusterId ?? "destination";
            var (status, title, detail) = error.Error switch
            {
                ForwarderError.NoAvailableDestinations => (StatusCodes.Status503ServiceUnavailable,
                    "Service unavailable.", $"No instance of the {service} service is available right now. Try again shortly."),
                ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout,
                    "The service did not answer in time.", $"The {service} service took too long to answer."),
                ForwarderError.RequestBodyClient when IsTooLarge(error.Exception) => (StatusCodes.Status413PayloadTooLarge,
                    "The request body is too large.", "The request body is larger than this endpoint accepts."),
                ForwarderError.RequestBodyClient or ForwarderError.RequestBodyCanceled => (StatusCodes.Status400BadRequest,
                    "The request body could not be read.", "The request body ended or failed before it was fully received."),
                _ => (StatusCodes.Status502BadGateway,
                    "The service could not be reached.", $"The gateway could not get an answer from the {service} service."),
            };
            await GatewayProblems.Write(http, status, title, detail);
        });

    private static bool IsTooLarge(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
                return true;
        return false;
    }

    /// <summary>Secure by default: a route that names no authorization policy needs a client token
    /// ("any-client") — public routes say <c>"anonymous"</c> explicitly — and a route that names no rate
    /// limiter gets the per-client one. Clusters without <c>HttpRequest.ActivityTimeout</c> get
    /// <c>Gateway:ActivityTimeout</c>.</summary>
    private sealed class RouteDefaults(IOptions<GatewayOptions> options) : IProxyConfigFilter
    {
        public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
        {
            if (cluster.HttpRequest?.ActivityTimeout is not null) return new(cluster);
            var request = (cluster.HttpRequest ?? new ForwarderRequestConfig()) with { ActivityTimeout = options.Value.ActivityTimeout };
            return new(cluster with { HttpRequest = request });
        }

        public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
            new(route with
            {
                AuthorizationPolicy = string.IsNullOrWhiteSpace(route.AuthorizationPolicy) ? OmnichannelRoles.AnyClientPolicy : route.AuthorizationPolicy,
                RateLimiterPolicy = string.IsNullOrWhiteSpace(route.RateLimiterPolicy) ? ClientRateLimiting.PolicyName : route.RateLimiterPolicy,
            });
    }
}
