using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Omnichannel.BuildingBlocks.Vocabulary;

namespace Omnichannel.BuildingBlocks.OpenApi;

/// <summary>
/// A list of strings, dates or enums would be documented as an array of anything: the generator sees only the custom
/// converters of the text and date policies and of the wire enums, and leaves the items empty. Say what a list holds.
/// </summary>
internal sealed class ListItems : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is not { } type || !type.HasFlag(JsonSchemaType.Array) || schema.Items is OpenApiSchema { Type: not null } or OpenApiSchemaReference)
            return Task.CompletedTask;
        if (ElementType(context.JsonTypeInfo.Type) is { } element && ItemSchema(element) is { } items)
            schema.Items = items;
        return Task.CompletedTask;
    }

    private static OpenApiSchema? ItemSchema(Type element) => element switch
    {
        { IsEnum: true } => new OpenApiSchema { Type = JsonSchemaType.String, Enum = WireEnumSchema.Values(element) },
        _ when element == typeof(string) => new OpenApiSchema { Type = JsonSchemaType.String },
        _ when element == typeof(DateOnly) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
        _ when element == typeof(DateTimeOffset) || element == typeof(DateTime) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
        _ when element == typeof(Guid) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
        _ when element == typeof(int) || element == typeof(long) => new OpenApiSchema { Type = JsonSchemaType.Integer },
        _ => null,
    };

    private static Type? ElementType(Type type)
    {
        var element = type.IsArray
            ? type.GetElementType()
            : type.GetInterfaces().Append(type)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        return element is null ? null : Nullable.GetUnderlyingType(element) ?? element;
    }
}
