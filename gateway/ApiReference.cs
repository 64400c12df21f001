using Scalar.AspNetCore;

namespace Omnichannel.Gateway;

/// <summary>
/// The Scalar API reference at <c>/scalar</c>, one document per service. The list comes from
/// configuration: every cluster in <c>ReverseProxy:Clusters</c> is a service whose OpenAPI document the
/// gateway serves at <c>/openapi/{cluster}.json</c> (a configured route with a PathSet transform to the
/// service's <c>/openapi/v1.json</c>). A cluster's <c>Metadata:ApiTitle</c> names it in the picker;
/// <c>Metadata:OpenApi = "false"</c> leaves it out.
/// </summary>
public static class ApiReference
{
    public const string DocumentRoutePattern = "/openapi/{documentName}.json";

    public sealed record ApiDocument(string Name, string Title);

    public static IReadOnlyList<ApiDocument> Documents(IConfiguration configuration) =>
        configuration.GetSection($"{GatewayProxy.SectionName}:Clusters").GetChildren()
            .Where(cluster => !string.Equals(cluster["Metadata:OpenApi"], "false", StringComparison.OrdinalIgnoreCase))
            .Select(cluster => new ApiDocument(cluster.Key, cluster["Metadata:ApiTitle"] is { Length: > 0 } title ? title : cluster.Key))
            .OrderBy(document => document.Name, StringComparer.Ordinal)
            .ToList();

    public static WebApplication MapApiReference(this WebApplication app)
    {
        var configuration = app.Configuration;
        app.MapScalarApiReference((options, _) =>
        {
            options.WithTitle("Omnichannel API")
                .WithOpenApiRoutePattern(DocumentRoutePattern)
                // Requests from "try it" go through this gateway, not to the services' own addresses.
                .AddServer("/", "Omnichannel gateway");
            var documents = Documents(configuration);
            for (var i = 0; i < documents.Count; i++)
                options.AddDocument(documents[i].Name, documents[i].Title, isDefault: i == 0);
        });
        return app;
    }
}
