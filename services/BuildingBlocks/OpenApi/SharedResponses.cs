using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Omnichannel.BuildingBlocks.OpenApi;

/// <summary>
/// The statuses every operation can answer whatever it does, so no endpoint repeats them: 400 (a parameter or body
/// that is not valid), 401 and 403 (the gateway and the service check the token and its role), 413 and 415 (a body too
/// large, or not JSON), 412 where a write honours If-Match (<see cref="TakesIfMatchMetadata"/>), 429 (the gateway's per-client limits and admission) and 503 (the service, or a neighbour it
/// calls, is restarting). Every error, these and the endpoint's own (404, 409…), carries the problem schema.
/// </summary>
internal sealed class SharedResponses : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var responses = operation.Responses ??= new OpenApiResponses();
        var hasBody = operation.RequestBody is not null;

        if (hasBody || operation.Parameters is { Count: > 0 })
            Add(responses, 400, "The request is not valid: `errors` names each field or parameter at fault.", ProblemSchemas.Validation);
        // Open to anyone (a webhook, a signed calendar link): `security: [{}]` lifts the document's bearer requirement.
        if (metadata.OfType<IAllowAnonymous>().Any())
            operation.Security = [new OpenApiSecurityRequirement()];
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            Add(responses, 401, "No valid bearer token: missing, expired, or not signed by the platform's issuer.");
            Add(responses, 403, "The token may not do this: it lacks the role the operation needs, or a council of its own.");
        }
        if (hasBody)
        {
            Add(responses, 413, "The body is larger than the gateway accepts.");
            Add(responses, 415, "The body is not sent as application/json.");
        }
        if (metadata.OfType<TakesIfMatchMetadata>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "The ETag last read: the write is refused with 412 if the resource changed since.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            Add(responses, 412, "If-Match names a version that is no longer the current one: read again, then retry.");
        }
        Add(responses, 429, "Too many requests from this client, or too many citizens doing this now: try again after Retry-After seconds.", retryAfter: true);
        Add(responses, 503, "The service, or a neighbour it needs, is briefly unavailable: try again after Retry-After seconds.", retryAfter: true);

        // Errors an endpoint declared without a body (or that the framework added bare) get the problem schema too.
        foreach (var (status, response) in responses)
            if (int.TryParse(status, out var code) && code >= 400 && response is OpenApiResponse { Content: null or { Count: 0 } } bare)
                bare.Content = ProblemSchemas.Content(code == 400 ? ProblemSchemas.Validation : ProblemSchemas.Problem, context.Document);
        return Task.CompletedTask;
    }

    private static void Add(OpenApiResponses responses, int status, string description, string component = ProblemSchemas.Problem, bool retryAfter = false)
    {
        if (responses.ContainsKey(status.ToString())) return;
        var response = new OpenApiResponse { Description = description, Content = ProblemSchemas.Content(component, null) };
        if (retryAfter)
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                },
            };
        responses[status.ToString()] = response;
    }
}
