using Scalar.AspNetCore;

namespace Omnichannel.Gateway;

/// <summary>
/// The Scalar API reference at <c>/scalar</c>, one document per service its launcher names
/// (<see cref="ServiceRoutes"/>): the gateway serves each one's OpenAPI document at <c>/openapi/{name}.json</c>,
/// and <c>services:{name}:title</c> names it in the picker.
/// </summary>
public static class ApiReference
{
    public const string DocumentRoutePattern = "/openapi/{documentName}.json";

    public static WebApplication MapApiReference(this WebApplication app)
    {
        var configuration = app.Configuration;
        app.MapScalarApiReference((options, _) =>
        {
            options.WithTitle("Omnichannel API")
                .WithOpenApiRoutePattern(DocumentRoutePattern)
                // Requests from "try it" go through this gateway, not to the services' own addresses.
                .AddServer("/", "Omnichannel gateway");
            var documents = ServiceRoutes.Services(configuration);
            for (var i = 0; i < documents.Count; i++)
                options.AddDocument(documents[i].Name, documents[i].Title, isDefault: i == 0);
        });
        return app;
    }
}
