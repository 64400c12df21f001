using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.BuildingBlocks.Http;

/// <summary>The one text policy for every string a request brings (body, query, route): at most
/// <see cref="MaxLength"/> characters and no control characters but tab and line breaks. PostgreSQL refuses NUL,
/// and no field of the platform is a megabyte of text; fields with a tighter limit say so in their validator.</summary>
public static class TextPolicy
{
    public const int MaxLength = 4000;

    /// <summary>Why the text breaks the policy, or null when it keeps it.</summary>
    public static string? Problem(string text)
    {
        if (text.Length > MaxLength) return $"At most {MaxLength} characters.";
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return "Control characters (such as NUL) are not allowed.";
        return null;
    }
}

/// <summary>The one range policy for dates a request brings: years 1900 to 2199. Outside them no council business
/// happens, and date arithmetic near 0001 or 9999 overflows.</summary>
public static class DatePolicy
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2199, 12, 31);
    public static readonly string Reason = $"A date between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.";

    public static bool Allows(DateOnly date) => date >= Earliest && date <= Latest;
    public static bool Allows(DateTimeOffset at) => at.Year >= Earliest.Year && at.Year <= Latest.Year;

    /// <summary>Refuses a date (a query or route value) outside the range, naming the parameter.</summary>
    public static DateOnly? Check(string field, DateOnly? date) =>
        date is { } d && !Allows(d) ? throw Rejection.Invalid(field, Reason) : date;
}

/// <summary>Applies <see cref="TextPolicy"/> to every string of a JSON body; the problem names the JSON path.</summary>
internal sealed class PolicyStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("A text value is expected here.");
        var text = reader.GetString()!;
        return TextPolicy.Problem(text) is { } problem ? throw new JsonException(problem) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Applies <see cref="DatePolicy"/> to the dates of a JSON body.</summary>
internal sealed class PolicyDateOnlyConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", out var date))
            throw new JsonException("A date (yyyy-MM-dd) is expected here.");
        return DatePolicy.Allows(date) ? date : throw new JsonException(DatePolicy.Reason);
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString("yyyy-MM-dd"));
}

/// <inheritdoc cref="PolicyDateOnlyConverter"/>
internal sealed class PolicyDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var at))
            throw new JsonException("A date and time (ISO 8601, e.g. 2026-03-02T10:00:00+01:00) is expected here.");
        return DatePolicy.Allows(at) ? at : throw new JsonException(DatePolicy.Reason);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Applies <see cref="TextPolicy"/> to query and route values before any endpoint sees them, and answers a body
/// that is not JSON with a 415 where routing found no endpoint (routing's content-type check then says 404 when the
/// same path has a GET).</summary>
internal sealed class InputPolicyMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint() is null && http.Request.ContentType is { Length: > 0 } && !http.Request.HasJsonContentType()
            && (HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method) || HttpMethods.IsPatch(http.Request.Method)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.",
                detail: "Send the body as application/json.").ExecuteAsync(http);
        }
        foreach (var (name, values) in http.Request.Query)
            foreach (var value in values)
                if (value is not null && TextPolicy.Problem(value) is { } problem) return Refuse(http, name, problem);
        foreach (var (name, value) in http.Request.RouteValues)
            if (value is string text && TextPolicy.Problem(text) is { } problem) return Refuse(http, name, problem);
        return next(http);
    }

    private static Task Refuse(HttpContext http, string field, string reason) =>
        ProblemHandling.InvalidField(field, reason).ExecuteAsync(http);
}

/// <summary>The policy converters hide the types from the OpenAPI schema generator (a custom converter's schema is
/// empty): give strings and dates their types and formats back, so client generators still see them.</summary>
internal sealed class PolicyTypesSchema : Microsoft.AspNetCore.OpenApi.IOpenApiSchemaTransformer
{
    public Task TransformAsync(Microsoft.OpenApi.OpenApiSchema schema, Microsoft.AspNetCore.OpenApi.OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        var format = type == typeof(DateOnly) ? "date" : type == typeof(DateTimeOffset) ? "date-time" : type == typeof(string) ? null : "";
        if (format == "" || schema.Type is not null) return Task.CompletedTask;
        var nullable = type != context.JsonTypeInfo.Type || context.JsonPropertyInfo is { IsGetNullable: true };
        schema.Type = Microsoft.OpenApi.JsonSchemaType.String | (nullable ? Microsoft.OpenApi.JsonSchemaType.Null : 0);
        if (format is not null) schema.Format = format;
        return Task.CompletedTask;
    }
}
