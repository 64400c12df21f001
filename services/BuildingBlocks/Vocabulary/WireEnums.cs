using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omnichannel.BuildingBlocks.Vocabulary;

/// <summary>
/// How every enum appears on the wire, in every service: a kebab-case string ("in-review", "checked-in",
/// "appointment-only"), read back exactly — not "InReview", not "IN-REVIEW", not 1 — the same strictness as the
/// channel list and the languages. One spelling a front-end learns once; anything else is a 400 naming the field
/// and listing the values. Only the HTTP wire: Marten keeps stored events with its own serializer, unchanged.
/// </summary>
public static class WireEnum
{
    public static string Name<T>(T value) where T : struct, Enum => Names<T>.ByValue.TryGetValue(value, out var name) ? name : Kebab(value.ToString());

    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Names<T>.List;

    public static IReadOnlyList<string> All(Type enumType) =>
        Enum.GetNames(enumType).Select(Kebab).ToList();

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        return text is not null && Names<T>.ByName.TryGetValue(text, out value);
    }

    internal static string Kebab(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ByValue = Enum.GetValues<T>().Distinct().ToDictionary(v => v, v => Kebab(v.ToString()));
        public static readonly Dictionary<string, T> ByName = ByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        public static readonly IReadOnlyList<string> List = [.. ByValue.Values];
    }
}

/// <summary>The converter behind <see cref="WireEnum"/>, registered once for every service's JSON.</summary>
public sealed class WireEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly string Expected = $"Use one of: {string.Join(", ", WireEnum.All<T>())}.";

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && WireEnum.TryParse<T>(reader.GetString(), out var value)
                ? value
                : throw new JsonException(Expected);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(WireEnum.Name(value));
    }
}

/// <summary>OpenAPI sees only a custom converter, not the values: list the kebab-case names so a client generator
/// produces the same enum the wire carries.</summary>
internal sealed class WireEnumSchema : Microsoft.AspNetCore.OpenApi.IOpenApiSchemaTransformer
{
    internal static List<System.Text.Json.Nodes.JsonNode> Values(Type enumType) =>
        [.. WireEnum.All(enumType).Select(n => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(n))];

    public Task TransformAsync(Microsoft.OpenApi.OpenApiSchema schema, Microsoft.AspNetCore.OpenApi.OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (!type.IsEnum) return Task.CompletedTask;
        schema.Type = Microsoft.OpenApi.JsonSchemaType.String | (type != context.JsonTypeInfo.Type ? Microsoft.OpenApi.JsonSchemaType.Null : 0);
        schema.Enum = Values(type);
        return Task.CompletedTask;
    }
}
