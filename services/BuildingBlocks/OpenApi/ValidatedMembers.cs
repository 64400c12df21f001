using System.Collections.Concurrent;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Omnichannel.BuildingBlocks.OpenApi;

/// <summary>The members each validated request requires, by schema component, as <see cref="ClientSchemas"/> found them.</summary>
internal sealed class ValidatedMembers
{
    public ConcurrentDictionary<string, IReadOnlySet<string>> Required { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The generator wraps a nullable member of an object type as <c>oneOf: [null, $ref]</c> only after the schema
/// transformers ran, so <see cref="ClientSchemas"/> cannot see it: here, over the finished components, such a member is
/// optional — unless the request's validator requires it, and then it is not nullable either.
/// </summary>
internal sealed class NullableMembers(ValidatedMembers validated) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (name, component) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (component is not OpenApiSchema { Required: { Count: > 0 } required, Properties: { } properties }) continue;
            var byValidator = validated.Required.GetValueOrDefault(name);
            foreach (var member in required.ToList())
            {
                if (!properties.TryGetValue(member, out var property) || property.OneOf is not { Count: 2 } choices
                    || choices.SingleOrDefault(c => c.Type == JsonSchemaType.Null) is not { } none) continue;
                if (byValidator?.Contains(member) == true) properties[member] = choices.Single(c => !ReferenceEquals(c, none));
                else required.Remove(member);
            }
        }
        return Task.CompletedTask;
    }
}
