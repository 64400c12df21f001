using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Omnichannel.BuildingBlocks.OpenApi;

/// <summary>
/// The document read through the gateway (<c>/openapi/{name}.json</c>) names the gateway as its only server, so a
/// generated client calls the gateway: the gateway forwards <c>/api/{name}/…</c> unchanged, so the paths (all under
/// <c>/api/{name}</c>) are valid there as they are. Without it the server would be the service's own address, which a
/// front-end cannot reach. Read directly from a service, the document keeps the service's address.
/// </summary>
internal sealed class GatewayServer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var request = context.ApplicationServices.GetService<IHttpContextAccessor>()?.HttpContext?.Request;
        if (request is null || First(request, "X-Forwarded-Host") is not { } host) return Task.CompletedTask;
        var scheme = First(request, "X-Forwarded-Proto") ?? request.Scheme;
        var prefix = First(request, "X-Forwarded-Prefix")?.TrimEnd('/') ?? "";
        if (!Uri.TryCreate($"{scheme}://{host}{prefix}", UriKind.Absolute, out var gateway) || gateway.Scheme is not ("http" or "https"))
            return Task.CompletedTask;
        document.Servers = [new OpenApiServer { Url = gateway.ToString().TrimEnd('/'), Description = "The Omnichannel gateway." }];
        return Task.CompletedTask;
    }

    /// <summary>The first value: each proxy in a chain appends its own.</summary>
    private static string? First(HttpRequest request, string header) =>
        request.Headers[header].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
}
