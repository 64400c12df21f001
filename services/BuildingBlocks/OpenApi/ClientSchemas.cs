using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Omnichannel.BuildingBlocks.OpenApi;

/// <summary>
/// Schemas as a client generator should read them, derived from the serializer and the validators rather than written
/// by hand:
/// <list type="bullet">
/// <item>an enum is a string whose values are what the serializer writes (its converter decides the casing), never null
/// itself — a member that may be absent says so where it is used;</item>
/// <item>a number is a number: the serializer accepts numbers in strings, but always writes numbers, and
/// <c>["integer","string"]</c> would make generators type them as text;</item>
/// <item>required means what a request must carry: members a validator requires (NotNull/NotEmpty without a
/// condition), plus non-nullable members without a default; a nullable or defaulted member is optional. A response's
/// non-nullable members are always written, so they are required too.</item>
/// </list>
/// </summary>
internal sealed class ClientSchemas(ValidatedMembers validated) : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Enum is { Count: > 0 } values)
        {
            foreach (var none in values.Where(v => v is null).ToList()) values.Remove(none);
            if (values.All(v => v is System.Text.Json.Nodes.JsonValue j && j.TryGetValue<string>(out _))) schema.Type = JsonSchemaType.String;
        }

        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        if (context.JsonTypeInfo is { Kind: JsonTypeInfoKind.Object } info && schema.Properties is { Count: > 0 } properties)
            MarkRequired(schema, info, properties, context.ApplicationServices, validated);
        return Task.CompletedTask;
    }

    private static void MarkRequired(OpenApiSchema schema, JsonTypeInfo info, IDictionary<string, IOpenApiSchema> properties, IServiceProvider services,
        ValidatedMembers validated)
    {
        var validator = services.GetService(typeof(IValidator<>).MakeGenericType(info.Type)) as IValidator;
        var descriptor = validator?.CreateDescriptor();
        // Without constructor parameters (a read model with settable properties) every non-nullable member is, as all are written.
        var byConstructor = info.Properties.Any(p => p.AssociatedParameter is not null);
        var required = new HashSet<string>(StringComparer.Ordinal);
        var byValidator = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in info.Properties)
        {
            if (!properties.TryGetValue(property.Name, out var member)) continue;
            var clrName = (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;
            if (descriptor is not null && RequiredByValidator(descriptor, clrName))
            {
                required.Add(property.Name);
                byValidator.Add(property.Name);
                if (member is OpenApiSchema own) WithoutNull(own);
                continue;
            }
            var defaulted = property.AssociatedParameter is { HasDefaultValue: true } || (byConstructor && property.AssociatedParameter is null);
            if (!Nullable(member) && !defaulted) required.Add(property.Name);
        }
        schema.Required = required.Count == 0 ? null : required;
        if (descriptor is not null && OpenApiOptions.CreateDefaultSchemaReferenceId(info) is { } component)
            validated.Required[component] = byValidator;
    }

    private static bool RequiredByValidator(IValidatorDescriptor descriptor, string member) =>
        descriptor.GetRulesForMember(member).Any(rule => !rule.HasCondition && !rule.HasAsyncCondition && rule.Components.Any(c =>
            !c.HasCondition && !c.HasAsyncCondition && c.Validator is INotNullValidator or INotEmptyValidator));

    private static bool Nullable(IOpenApiSchema schema) =>
        (schema.Type?.HasFlag(JsonSchemaType.Null) ?? false)
        || (schema.OneOf?.Any(s => s.Type == JsonSchemaType.Null) ?? false)
        || (schema.AnyOf?.Any(s => s.Type == JsonSchemaType.Null) ?? false)
        || (schema.Enum?.Any(v => v is null) ?? false);

    private static void WithoutNull(OpenApiSchema schema)
    {
        if (schema.Type is { } type && type != JsonSchemaType.Null) schema.Type = type & ~JsonSchemaType.Null;
        if (schema.OneOf is { Count: 2 } choices && choices.Count(c => c.Type == JsonSchemaType.Null) == 1)
        {
            choices.Remove(choices.First(c => c.Type == JsonSchemaType.Null));
        }
    }
}
