using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Omnichannel.BuildingBlocks.OpenApi;

/// <summary>
/// The RFC 9457 problem details every error answers with (Http/ProblemHandling.cs, the gateway's GatewayProblems), as
/// two components: <c>ProblemDetails</c> and <c>HttpValidationProblemDetails</c> (a 400, with <c>errors</c> by field).
/// Written here, replacing the generator's when an endpoint made it write them: the generator applies the serializer's
/// "no unknown members" to these types too (<c>additionalProperties: false</c>), but a problem carries more members
/// (<c>correlationId</c>, <c>traceId</c>, a refused ticket's <c>reason</c>…), which a strict client would then reject.
/// </summary>
internal sealed class ProblemSchemas : IOpenApiDocumentTransformer
{
    public const string Problem = "ProblemDetails";
    public const string Validation = "HttpValidationProblemDetails";
    public const string ContentType = "application/problem+json";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Problem] = Schema(errors: false);
        document.Components.Schemas[Validation] = Schema(errors: true);
        return Task.CompletedTask;
    }

    /// <summary>A response body pointing at one of the two components.</summary>
    public static Dictionary<string, OpenApiMediaType> Content(string component, OpenApiDocument? document) => new()
    {
        [ContentType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(component, document) },
    };

    private static OpenApiSchema Schema(bool errors)
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI naming the kind of problem."),
            ["title"] = Text("A short summary of the kind of problem."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
            ["detail"] = Text("What went wrong this time, in words a front-end can show."),
            ["instance"] = Text("The request it happened to."),
            ["correlationId"] = Text("Quote it when reporting the problem."),
            ["traceId"] = Text("The trace of the request."),
        };
        if (errors)
            properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "The reasons, by field (a JSON path such as lines[0].code) or parameter name.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = errors ? "A problem (RFC 9457) that names each field at fault." : "A problem (RFC 9457); some carry more members.",
            Properties = properties,
            Required = errors ? new HashSet<string> { "errors" } : null,
        };
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
