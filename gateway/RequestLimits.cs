using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Omnichannel.Gateway;

/// <summary>Configuration section "Gateway".</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Largest request body the gateway accepts (bytes). A route may override it with YARP's
    /// own <c>MaxRequestBodySize</c> route setting (e.g. for document uploads).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a forwarded request may wait for the service to send anything, for clusters
    /// that do not set YARP's own <c>HttpRequest.ActivityTimeout</c>.</summary>
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public static class RequestLimits
{
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.Section))
            .Validate(o => o.MaxRequestBodyBytes > 0, "Gateway:MaxRequestBodyBytes must be positive.")
            .Validate(o => o.ActivityTimeout > TimeSpan.Zero, "Gateway:ActivityTimeout must be positive.")
            .ValidateOnStart();
        // Kestrel enforces the limit on every body, chunked ones included, as it is read; YARP raises
        // it per request for routes that set MaxRequestBodySize.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<GatewayOptions>>((kestrel, gateway) => kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>Refuses, before forwarding, a request whose declared Content-Length is over the route's
    /// limit: a 413 problem instead of a half-sent body.</summary>
    public static IReverseProxyApplicationBuilder UseRequestBodyLimit(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (http, next) =>
        {
            var route = http.GetReverseProxyFeature().Route.Config;
            var limit = route.MaxRequestBodySize ?? http.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxRequestBodyBytes;
            if (limit > 0 && http.Request.ContentLength > limit)
            {
                await GatewayProblems.Write(http, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
                    $"This endpoint accepts bodies of at most {limit} bytes.");
                return;
            }
            await next();
        });
        return proxy;
    }
}
