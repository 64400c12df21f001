using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Omnichannel.AppHost;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>
/// Bad input is a 4xx, never a 500: every operation of every service's OpenAPI document (as the gateway serves it) is
/// sent malformed requests — wrong types, nulls, NUL characters, huge strings and numbers, odd dates, bad ids, unknown
/// members, malformed JSON, wrong content types — as staff and as a channel app. Each parameter and each body field is
/// spoiled on its own, the rest of the request kept plausible (demo office and procedure, a registered citizen), so the
/// spoiled value reaches the code that stores or computes with it. A failure lists every 5xx with its operation and request.
/// </summary>
[Collection(Collections.Requests)]
public sealed class MalformedInputTests(Platform platform, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Parallelism = 6;
    private static readonly string Nul = "x\u0000y";
    private static readonly string Huge = new('a', 100_000);
    private static readonly string HugeInUrl = new('a', 3_000); // under Kestrel's 8 KB request line

    public static TheoryData<string> ServiceNames() => new(PlatformServices.All.Select(s => s.Name).Except(ProtocolOnly));

    /// <summary>Stated exclusion: the staff console has no API operation: its pages, sign-in and language form are for
    /// browsers (tests/Omnichannel.Console.Tests), and it calls the others' APIs. (The identity service's document holds
    /// only its staff administration API, sent here as an administrator too; its OpenID Connect protocol endpoints and
    /// sign-in pages are not in it, and their malformed input is tested in tests/Omnichannel.Identity.Tests.)</summary>
    private static readonly string[] ProtocolOnly = ["console"];

    /// <summary>The staff administration API answers administrators only: as staff or a channel app every request would
    /// stop at the 403, before the code that reads the spoiled value.</summary>
    private HttpClient AsAdministrator() => platform.Gateway.Client(Omnichannel.BuildingBlocks.Auth.TokenIssuer.Issue(platform.Tokens.Settings,
        Omnichannel.BuildingBlocks.Auth.OmnichannelRoles.Staff, Omnichannel.Testing.Tokens.Tenant, "staff-admin-fuzz", TimeSpan.FromHours(1),
        extraClaims: [new System.Security.Claims.Claim(Omnichannel.BuildingBlocks.Auth.TokenIssuer.RoleClaim, "administrator")]));

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task No_operation_answers_a_malformed_request_with_a_server_error(string service)
    {
        var document = JsonNode.Parse(await platform.Anonymous().GetStringAsync($"/openapi/{service}.json"))!;
        var known = await KnownValuesAsync();
        var requests = Operations(document).SelectMany(o => Malformed(document, o, known)).ToList();
        Assert.NotEmpty(requests);

        var failures = new ConcurrentBag<string>();
        var untrustworthy = new ConcurrentBag<string>();
        var clients = new[] { ("staff", platform.AsStaff()), ("channel-app", platform.AsChannelApp()) };
        if (service == "identity") clients = [.. clients, ("administrator", AsAdministrator())];
        await Parallel.ForEachAsync(requests.SelectMany(r => clients.Select(c => (Request: r, Role: c.Item1, Client: c.Item2))),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (item, ct) =>
            {
                using var message = item.Request.ToMessage();
                // Headers only: the display feed streams for as long as the client listens.
                using var response = await item.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
                var status = (int)response.StatusCode;
                var said = $"{status} as {item.Role}: {item.Request.Operation} — {item.Request.Describe()}";
                if (status >= 500) failures.Add(said);
                else if (status is >= 400 and not (401 or 403 or 429) && Untrustworthy(item.Request, status, await response.Content.ReadAsStringAsync(ct)) is { } why)
                    untrustworthy.Add($"{said} → {why}");
            });

        // The figure the hardening issue asks for (in the test results: dotnet test --logger "console;verbosity=detailed").
        output.WriteLine($"{service}: {requests.Count * clients.Length} malformed requests, {failures.Count} answered 5xx, {untrustworthy.Count} refusals not naming the fault");
        Assert.True(failures.IsEmpty,
            $"{failures.Count} of {requests.Count * clients.Length} malformed requests to {service} answered 5xx:\n" + string.Join("\n", failures.Order()));
        Assert.True(untrustworthy.IsEmpty,
            $"{untrustworthy.Count} refusals by {service} a front-end cannot trust:\n" + string.Join("\n", untrustworthy.Order()));
    }

    /// <summary>What is wrong with a refusal, if anything: it must name what was wrong in the front-end's terms.</summary>
    private static string? Untrustworthy(Request request, int status, string body)
    {
        if (System.Text.RegularExpressions.Regex.Match(body, @"\b(System|Omnichannel|Microsoft)\.[A-Z]\w*|reader options") is { Success: true } leak)
            return $"shows '{leak.Value}'";
        if (request.What == "wrong content type" && status != 415) return $"a wrong content type is not a 415: {body}";
        if (request.What == "an unknown member" && (status != 400 || !body.Contains("notAField"))) return "the unknown member is not named";
        // A query value that does not parse as its type is reported under the parameter's name (not "body").
        if (status == 400 && request.Body is null && request.Parameter is { } name && !body.Contains($"\"{name}\"", StringComparison.OrdinalIgnoreCase))
            return $"the parameter '{name}' is not named: {body}";
        return null;
    }

    private Dictionary<string, string>? knownValues;

    /// <summary>Plausible values by parameter or field name, so a request passes look-ups and reaches its spoiled field.</summary>
    private async Task<Dictionary<string, string>> KnownValuesAsync()
    {
        if (knownValues is not null) return knownValues;
        var citizen = await platform.RegisterCitizenAsync();
        // A staff account of the council, so the administration API's requests reach the account they spoil fields of.
        var account = await AsAdministrator().PostAsJsonAsync("/api/identity/staff", new { userName = $"mataro.fuzz.{Guid.NewGuid():N}"[..24], fullName = "Fuzz", role = "agent" });
        Assert.True(account.IsSuccessStatusCode, await account.Content.ReadAsStringAsync());
        var accountId = (await account.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("account").GetProperty("accountId").GetString()!;
        return knownValues = new(StringComparer.OrdinalIgnoreCase)
        {
            ["accountId"] = accountId,
            ["citizenId"] = citizen.ToString(),
            ["officeId"] = "connecta-space",
            ["office"] = "connecta-space",
            ["procedureCode"] = "census-registration",
            ["code"] = "census-registration",
            ["channel"] = "phone",
            ["preferredLanguage"] = "es",
            ["language"] = "es",
            ["lang"] = "es",
            ["phone"] = "+34600000000",
            ["email"] = "maria@example.com",
            ["kind"] = "national-id",
            ["deskId"] = "1",
        };
    }

    private sealed record Operation(string Method, string Path, JsonArray Parameters, JsonNode? Body)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    private static IEnumerable<Operation> Operations(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            var shared = item!["parameters"]?.AsArray() ?? [];
            foreach (var (method, operation) in item.AsObject())
            {
                if (method is "parameters" or "summary" or "description" or "servers") continue;
                var parameters = new JsonArray(shared.Concat(operation!["parameters"]?.AsArray() ?? []).Select(p => p!.DeepClone()).ToArray());
                var body = operation!["requestBody"]?["content"]?["application/json"]?["schema"];
                yield return new Operation(method.ToUpperInvariant(), path, parameters, body);
            }
        }
    }

    private sealed record Request(Operation Operation, string Url, string? Body, string? ContentType, string What, string? Parameter = null)
    {
        public HttpRequestMessage ToMessage()
        {
            var message = new HttpRequestMessage(new HttpMethod(Operation.Method), Url);
            if (Body is not null) message.Content = new StringContent(Body, Encoding.UTF8, new MediaTypeHeaderValue(ContentType ?? "application/json"));
            return message;
        }

        public string Describe()
        {
            var body = Body is null ? "" : $" body {(Body.Length > 300 ? Body[..300] + $"…({Body.Length} chars)" : Body)}";
            var url = Url.Length > 300 ? Url[..300] + "…" : Url;
            return $"{What}: {Operation.Method} {url}{body}{(ContentType is null ? "" : $" ({ContentType})")}";
        }
    }

    /// <summary>The spoiled values a parameter is tried with (in the URL, escaped).</summary>
    private static readonly string[] BadParameters =
        [Nul, HugeInUrl, "-1", "0", "2147483647", "2147483648", "99999999999999999999", "abc", "", " ", "0001-01-01", "9999-12-31",
         "9999-12-31T23:59:59Z", "00000000-0000-0000-0000-000000000000", "not-a-guid", "..%2F..", "%", "<script>"];

    /// <summary>The spoiled values a body field is tried with (as JSON).</summary>
    private static readonly JsonNode?[] BadFields =
        [null, JsonValue.Create(Nul), JsonValue.Create(Huge), JsonValue.Create(""), JsonValue.Create(int.MaxValue), JsonValue.Create(long.MaxValue),
         JsonValue.Create(-1), JsonValue.Create(1e300), JsonValue.Create(true), JsonValue.Create("0001-01-01"), JsonValue.Create("9999-12-31"),
         JsonValue.Create("9999-12-31T23:59:59Z"), JsonValue.Create("0001-01-01T00:00:00Z"), JsonValue.Create("not-a-guid"), new JsonObject(),
         new JsonArray((JsonNode?)null), new JsonArray(JsonValue.Create(Nul)), new JsonArray(JsonValue.Create(Huge))];

    private static IEnumerable<Request> Malformed(JsonNode document, Operation operation, Dictionary<string, string> known)
    {
        var parameters = operation.Parameters.Select(p => (Name: (string)p!["name"]!, In: (string)p["in"]!, Schema: Resolve(document, p["schema"]))).ToList();
        var good = parameters.ToDictionary(p => p.Name, p => Plausible(document, p.Name, p.Schema, known)?.ToString() ?? "x");
        var body = operation.Body is null ? null : Plausible(document, "body", Resolve(document, operation.Body), known);
        var bodyText = body?.ToJsonString();

        string Url(string? spoiled = null, string? value = null)
        {
            var path = operation.Path;
            var query = new List<string>();
            foreach (var p in parameters)
            {
                var v = p.Name == spoiled ? value! : good[p.Name];
                if (p.In == "path") path = path.Replace($"{{{p.Name}}}", Uri.EscapeDataString(v));
                else if (p.In == "query") query.Add($"{p.Name}={Uri.EscapeDataString(v)}");
            }
            return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
        }

        yield return new Request(operation, Url(), bodyText, null, "plausible request");
        foreach (var p in parameters.Where(p => p.In is "path" or "query"))
            foreach (var bad in BadParameters)
                yield return new Request(operation, Url(p.Name, bad), bodyText, null, $"{p.In} parameter '{p.Name}' = {Show(bad)}",
                    p.In == "query" && !Parses(bad, p.Schema) ? p.Name : null);

        if (operation.Body is null) yield break;
        var url = Url();
        foreach (var (text, type, what) in new (string?, string?, string)[]
        {
            ("{", null, "truncated JSON"), ("null", null, "a null body"), ("[]", null, "an array body"), ("\"x\"", null, "a string body"),
            ("", null, "an empty body"), ("{\"a\":", null, "unfinished member"), (bodyText ?? "{}", "text/plain", "wrong content type"),
            (bodyText ?? "{}", "application/xml", "wrong content type"), ("{\u0000}", null, "a NUL in the JSON"),
        })
            yield return new Request(operation, url, text, type, what);
        if (body is JsonObject plausible)
        {
            var unknown = (JsonObject)plausible.DeepClone();
            unknown["notAField"] = 1;
            yield return new Request(operation, url, unknown.ToJsonString(), null, "an unknown member");
        }
        foreach (var (path, spoil) in Fields(body))
            foreach (var bad in BadFields)
                yield return new Request(operation, url, spoil(bad?.DeepClone()), null, $"field '{path}' = {Show(bad?.ToJsonString() ?? "null")}");
    }

    /// <summary>Whether a value parses as the parameter's type (a text parameter takes anything).</summary>
    private static bool Parses(string value, JsonNode? schema) => (schema is null ? [] : Types(schema)).FirstOrDefault(t => t != "null") switch
    {
        "integer" => long.TryParse(value, out var n) && n is >= int.MinValue and <= int.MaxValue,
        "number" => double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _),
        "boolean" => bool.TryParse(value, out _),
        _ => (string?)schema?["format"] switch
        {
            "uuid" => Guid.TryParse(value, out _),
            "date" => DateOnly.TryParseExact(value, "yyyy-MM-dd", out _),
            "date-time" => DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _),
            _ => true,
        },
    };

    private static string Show(string value) =>
        (value.Length > 40 ? value[..20] + $"…({value.Length} chars)" : value).Replace("\u0000", "\\u0000");

    /// <summary>Every field of the body (two levels deep, first array item) with a way to rewrite the body with it spoiled.</summary>
    private static IEnumerable<(string Path, Func<JsonNode?, string> Spoil)> Fields(JsonNode? body, string prefix = "", int depth = 0)
    {
        if (body is JsonArray { Count: > 0 } array && depth < 3)
        {
            yield return ($"{prefix}[0]", bad => With(body, n => n.AsArray()[0] = bad));
            foreach (var (path, _) in Fields(array[0], $"{prefix}[0]", depth + 1))
                yield return (path, bad => With(body, n => Replace(n, path[(prefix.Length)..], bad)));
        }
        if (body is not JsonObject obj || depth >= 3) yield break;
        foreach (var (name, value) in obj.ToList())
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            yield return (path, bad => With(body, n => n.AsObject()[name] = bad));
            foreach (var (inner, _) in Fields(value, path, depth + 1))
                yield return (inner, bad => With(body, n => Replace(n, inner[(prefix.Length)..].TrimStart('.'), bad)));
        }
    }

    private static string With(JsonNode body, Action<JsonNode> change)
    {
        var copy = body.DeepClone();
        change(copy);
        return copy.ToJsonString();
    }

    /// <summary>Replaces the node at a relative path like "lines[0].code".</summary>
    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        var steps = System.Text.RegularExpressions.Regex.Matches(path, @"\[(\d+)\]|([^.\[\]]+)").Select(m => m.Groups[1].Success ? (object)int.Parse(m.Groups[1].Value) : m.Groups[2].Value).ToList();
        var node = root;
        for (var i = 0; i < steps.Count - 1; i++) node = steps[i] is int index ? node[index]! : node[(string)steps[i]]!;
        if (steps[^1] is int last) node.AsArray()[last] = value;
        else node.AsObject()[(string)steps[^1]] = value;
    }

    private static JsonNode? Resolve(JsonNode document, JsonNode? schema)
    {
        for (var i = 0; i < 10 && schema?["$ref"] is { } reference; i++)
            schema = document["components"]!["schemas"]![((string)reference!).Split('/')[^1]];
        if ((schema?["allOf"] ?? schema?["oneOf"] ?? schema?["anyOf"]) is JsonArray { Count: > 0 } choices)
        {
            var choice = choices
                .FirstOrDefault(c => Resolve(document, c) is { } r && !Types(r).SequenceEqual(["null"]));
            return choice is null ? schema : Resolve(document, choice);
        }
        return schema;
    }

    private static string[] Types(JsonNode schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => (string)t!).ToArray(),
        JsonValue type => [(string)type!],
        _ => schema["properties"] is not null ? ["object"] : [],
    };

    /// <summary>A value the operation would plausibly accept: known values by name, else one that fits the schema.</summary>
    private static JsonNode? Plausible(JsonNode document, string name, JsonNode? schema, Dictionary<string, string> known, int depth = 0)
    {
        schema = Resolve(document, schema);
        if (schema is null || depth > 5) return JsonValue.Create("x");
        if (schema["enum"] is JsonArray { Count: > 0 } values) return values.First(v => v is not null)!.DeepClone();
        var types = Types(schema).Where(t => t != "null").ToArray();
        var format = (string?)schema["format"];
        if (known.TryGetValue(name, out var value) && types is [] or ["string"]) return JsonValue.Create(value);
        var soon = DateTimeOffset.UtcNow.AddDays(7);
        return types.FirstOrDefault() switch
        {
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1),
            "boolean" => JsonValue.Create(true),
            "array" => new JsonArray(Plausible(document, name, schema["items"], known, depth + 1)),
            "object" => new JsonObject((schema["properties"]?.AsObject() ?? [])
                .Select(p => KeyValuePair.Create(p.Key, Plausible(document, p.Key, p.Value, known, depth + 1)))),
            _ => format switch
            {
                "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
                "date" => JsonValue.Create(soon.ToString("yyyy-MM-dd")),
                "date-time" => JsonValue.Create(soon.ToString("O")),
                "time" => JsonValue.Create("10:00:00"),
                _ when schema["pattern"] is not null && ((string?)schema["pattern"])!.Contains("0-9") => JsonValue.Create("1"),
                _ => JsonValue.Create("x"),
            },
        };
    }
}
