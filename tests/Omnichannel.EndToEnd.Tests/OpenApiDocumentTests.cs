using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Omnichannel.AppHost;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>
/// Every service's OpenAPI document, as the gateway serves it, is one a client generator can use: each status an
/// operation answers has a schema (errors the problem schema), enums are the strings the serializer writes, optional
/// members are not required, and the server is the gateway. A failure lists every offending operation or schema.
/// </summary>
[Collection(Collections.Requests)]
public sealed class OpenApiDocumentTests(Platform platform)
{
    private static readonly string[] ProblemComponents = ["#/components/schemas/ProblemDetails", "#/components/schemas/HttpValidationProblemDetails"];

    public static TheoryData<string> ServiceNames() => new(PlatformServices.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task Every_status_an_operation_answers_documents_its_body(string service)
    {
        var document = await DocumentAsync(service);
        var failures = new List<string>();
        foreach (var (operation, responses) in Operations(document))
        {
            if (responses.Count == 0) { failures.Add($"{operation}: no responses"); continue; }
            if (!responses.Any(r => r.Key.StartsWith('2'))) failures.Add($"{operation}: no success status");
            foreach (var (status, response) in responses)
            {
                // 204 and 304 are the statuses that answer without a body; every other one has one and must say what it is.
                if (status is "204" or "304") continue;
                if (response?["content"] is not JsonObject { Count: > 0 } content) failures.Add($"{operation} {status}: no content");
                else if (content.Where(c => c.Value?["schema"] is null).Select(c => c.Key).ToList() is { Count: > 0 } bare)
                    failures.Add($"{operation} {status}: no schema for {string.Join(", ", bare)}");
            }
        }
        Assert.True(failures.Count == 0, $"{service}: operations without a response schema:\n{string.Join("\n", failures)}");
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task Every_error_documents_the_problem_schema(string service)
    {
        var document = await DocumentAsync(service);
        var failures = new List<string>();
        foreach (var (operation, responses) in Operations(document))
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                var schema = response?["content"]?["application/problem+json"]?["schema"];
                var references = schema is null ? [] : new[] { schema }.Concat(schema["allOf"]?.AsArray() ?? []).Select(s => (string?)s?["$ref"]);
                if (!references.Any(r => ProblemComponents.Contains(r))) failures.Add($"{operation} {status}");
            }
        foreach (var component in ProblemComponents)
        {
            var schema = document["components"]?["schemas"]?[component.Split('/')[^1]];
            Assert.NotNull(schema);
            // A problem carries more members than the RFC's (correlationId, traceId, a refused ticket's reason…).
            Assert.NotEqual("false", schema["additionalProperties"]?.ToJsonString());
        }
        Assert.True(failures.Count == 0, $"{service}: errors without the problem schema (application/problem+json):\n{string.Join("\n", failures)}");
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task Every_operation_documents_the_statuses_the_platform_answers_anywhere(string service)
    {
        var document = await DocumentAsync(service);
        var failures = new List<string>();
        foreach (var (operation, responses) in Operations(document))
        {
            // Every route needs a token (401, 403) — unless it says it is open to anyone (`security: [{}]`) — and passes the
            // gateway's limits (429) to a service that may restart (503).
            var node = document["paths"]![operation.Path]![operation.Method.ToLowerInvariant()]!;
            var open = node["security"] is JsonArray { Count: > 0 } requirements && requirements.All(r => r is JsonObject { Count: 0 });
            var expected = open ? new List<string> { "429", "503" } : new List<string> { "401", "403", "429", "503" };
            if (node["requestBody"] is not null) expected.AddRange(["400", "415"]);
            if (node["parameters"] is JsonArray { Count: > 0 }) expected.Add("400");
            if (expected.Where(s => !responses.ContainsKey(s)).ToList() is { Count: > 0 } missing)
                failures.Add($"{operation}: {string.Join(", ", missing.Distinct())}");
        }
        Assert.True(failures.Count == 0, $"{service}: operations missing shared statuses:\n{string.Join("\n", failures)}");
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task The_document_served_through_the_gateway_names_the_gateway_as_its_server(string service)
    {
        var document = await DocumentAsync(service);

        var server = Assert.Single(document["servers"]!.AsArray());
        Assert.Equal(platform.Gateway.HttpAddress.ToString().TrimEnd('/'), ((string)server!["url"]!).TrimEnd('/'));
        // The gateway forwards /api/{name}/… unchanged, so paths under that prefix are valid against it as they are.
        var outside = document["paths"]!.AsObject().Select(p => p.Key)
            .Where(p => p != $"/api/{service}" && !p.StartsWith($"/api/{service}/", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, $"{service}: paths the gateway does not route to it: {string.Join(", ", outside)}");
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task Enums_list_the_strings_the_serializer_writes(string service)
    {
        var document = await DocumentAsync(service);
        var (assembly, serializer) = ServiceOf(service);
        var enums = document["components"]?["schemas"]?.AsObject().Where(s => s.Value?["enum"] is not null).ToList() ?? [];
        var failures = new List<string>();
        foreach (var (name, schema) in enums)
        {
            var values = schema!["enum"]!.AsArray().Select(v => v?.ToJsonString()).ToList();
            if ((string?)schema["type"] != "string") failures.Add($"{name}: type is not string");
            if (values.Contains(null)) failures.Add($"{name}: null among the values (say nullability where the member is used)");
            if (assembly.GetTypes().FirstOrDefault(t => t.IsEnum && t.Name == name) is { } type)
            {
                var written = Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, serializer)).ToList();
                if (!written.Order().SequenceEqual(values.OfType<string>().Order()))
                    failures.Add($"{name}: documents {string.Join(", ", values)}, the serializer writes {string.Join(", ", written)}");
            }
        }
        Assert.True(failures.Count == 0, $"{service}: enums a client would get wrong:\n{string.Join("\n", failures)}");
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task Every_list_says_what_it_holds(string service)
    {
        var document = await DocumentAsync(service);

        var itemless = (document["components"]?["schemas"]?.AsObject() ?? [])
            .SelectMany(s => (s.Value?["properties"]?.AsObject() ?? []).Select(p => (Name: $"{s.Key}.{p.Key}", Schema: p.Value)))
            .Where(p => p.Schema?["type"] is { } type && type.ToJsonString().Contains("array") && p.Schema["items"] is null)
            .Select(p => p.Name).ToList();

        Assert.True(itemless.Count == 0, $"{service}: lists whose items a client cannot know:\n{string.Join("\n", itemless)}");
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task No_member_that_may_be_null_or_absent_is_required(string service)
    {
        var document = await DocumentAsync(service);
        var failures = new List<string>();
        foreach (var (name, schema) in document["components"]?["schemas"]?.AsObject() ?? [])
            foreach (var member in schema?["required"]?.AsArray().Select(r => (string)r!) ?? [])
            {
                var property = schema!["properties"]?[member];
                if (property is null) failures.Add($"{name}.{member}: required but not a member");
                else if (MayBeNull(property)) failures.Add($"{name}.{member}: required but may be null");
            }
        Assert.True(failures.Count == 0, $"{service}: members marked required wrongly:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public async Task A_request_requires_the_members_its_validator_requires_and_no_others()
    {
        var schema = (await DocumentAsync("procedures"))["components"]!["schemas"]!["SubmitCaseRequest"]!;

        var required = schema["required"]!.AsArray().Select(r => (string)r!).Order().ToList();

        Assert.Equal(["channel", "procedureCode"], required);
        Assert.False(MayBeNull(schema["properties"]!["procedureCode"]!));
        Assert.True(MayBeNull(schema["properties"]!["citizenId"]!));
    }

    [Fact]
    public async Task The_display_feed_documents_its_server_sent_events()
    {
        var document = await DocumentAsync("queues");
        var operation = OperationNamed(document, "DisplayFeed");

        var item = operation["responses"]!["200"]!["content"]!["text/event-stream"]!["schema"]!;

        // "waits" (asked for with ?waits=true) came with the waiting-room display, issue 18.
        Assert.Equal(["called", "snapshot", "waits"], item["properties"]!["event"]!["enum"]!.AsArray().Select(v => (string)v!).Order());
        var data = item["properties"]!["data"]!["oneOf"]!.AsArray();
        Assert.Equal(3, data.Count);
        Assert.Contains(data, d => Resolve(document, d)?["properties"]?["recentCalls"] is not null);
        Assert.Contains(data, d => Resolve(document, d)?["properties"]?["deskId"] is not null);
        Assert.Contains(data, d => Resolve(document, d)?["properties"]?["lines"] is not null);
    }

    [Fact]
    public async Task A_refused_ticket_documents_why_and_what_is_offered_instead()
    {
        var document = await DocumentAsync("queues");
        var operation = OperationNamed(document, "IssueTicket");

        var schema = operation["responses"]!["409"]!["content"]!["application/problem+json"]!["schema"]!;

        var parts = schema["allOf"]!.AsArray();
        Assert.Contains(parts, p => (string?)p?["$ref"] == "#/components/schemas/ProblemDetails");
        var members = parts.Select(p => p?["properties"]).OfType<JsonObject>().Single();
        Assert.Equal(["needs-appointment", "office-closed", "wait-too-long"], members["reason"]!["enum"]!.AsArray().Select(v => (string)v!).Order());
        Assert.All(["appointmentSlots", "nextOpening", "messages", "predictedWaitMinutes"], m => Assert.NotNull(members[m]));
    }

    [Theory]
    [InlineData("appointments", "CancelAppointment")]
    [InlineData("citizens", "ChangeCitizenPreferences")]
    [InlineData("procedures", "ChangeCaseStatus")]
    public async Task A_versioned_write_documents_if_match_and_the_412_of_a_stale_one(string service, string operationName)
    {
        var operation = OperationNamed(await DocumentAsync(service), operationName);

        Assert.Contains(operation["parameters"]!.AsArray(), p => (string?)p?["name"] == "If-Match" && (string?)p?["in"] == "header" && p?["required"]?.GetValue<bool>() != true);
        Assert.NotNull(operation["responses"]!["412"]!["content"]!["application/problem+json"]);
    }

    [Theory]
    [InlineData("citizens", "GetCitizen")]
    [InlineData("citizens", "GetCitizenHistory")]
    [InlineData("citizens", "ExportCitizenData")]
    [InlineData("procedures", "GetCase")]
    [InlineData("incidents", "GetIncident")]
    [InlineData("messaging", "GetHandover")]
    [InlineData("appointments", "GetAppointment")]
    [InlineData("queues", "GetTicket")]
    public async Task A_read_of_a_citizens_data_documents_the_reason_it_takes_and_the_reasons_allowed(string service, string operationName)
    {
        var operation = OperationNamed(await DocumentAsync(service), operationName);

        var reason = Assert.Single(operation["parameters"]!.AsArray(), p => (string?)p?["name"] == "reason")!;
        Assert.Equal("query", (string?)reason["in"]);
        Assert.Equal(["case-handling", "citizen-request", "complaint-handling", "data-protection-review", "legal-obligation"],
            reason["schema"]!["enum"]!.AsArray().Select(v => (string)v!).Order());
        Assert.NotNull(operation["responses"]!["400"]);
    }

    private readonly Dictionary<string, JsonNode> documents = [];

    private async Task<JsonNode> DocumentAsync(string service)
    {
        if (!documents.TryGetValue(service, out var document))
            documents[service] = document = JsonNode.Parse(await platform.Anonymous().GetStringAsync($"/openapi/{service}.json"))!;
        return document;
    }

    /// <summary>The service's code and the serializer options its endpoints write with.</summary>
    private (Assembly Assembly, JsonSerializerOptions Serializer) ServiceOf(string service)
    {
        var host = platform.Services[service];
        var provider = (IServiceProvider)host.GetType().GetProperty("Services")!.GetValue(host)!;
        return (host.GetType().GetGenericArguments()[0].Assembly, provider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
    }

    private sealed record Operation(string Method, string Path)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    private static IEnumerable<(Operation Operation, Dictionary<string, JsonNode?> Responses)> Operations(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description" or "servers") continue;
                var responses = operation?["responses"]?.AsObject().ToDictionary(r => r.Key, r => r.Value) ?? [];
                yield return (new Operation(method.ToUpperInvariant(), path), responses);
            }
    }

    private static JsonNode OperationNamed(JsonNode document, string operationId) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => o.Value))
            .Single(o => (string?)o?["operationId"] == operationId)!;

    private static JsonNode? Resolve(JsonNode document, JsonNode? schema) =>
        schema?["$ref"] is { } reference ? document["components"]!["schemas"]![((string)reference!).Split('/')[^1]] : schema;

    private static bool MayBeNull(JsonNode schema) =>
        schema["type"] switch
        {
            JsonArray types => types.Any(t => (string?)t == "null"),
            JsonValue type => (string?)type == "null",
            _ => false,
        }
        || (schema["oneOf"] ?? schema["anyOf"])?.AsArray().Any(s => (string?)s?["type"] == "null") == true
        || schema["enum"]?.AsArray().Any(v => v is null) == true;
}
