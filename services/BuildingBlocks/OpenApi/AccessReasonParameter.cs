using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.BuildingBlocks.OpenApi;

/// <summary>
/// A staff read of personal data (<see cref="ReadsPersonalDataMetadata"/>) reads <c>?reason=</c> in a filter the document
/// cannot see: the parameter is listed here with the reasons allowed, so a client generator offers it. Not marked
/// required: channel apps and citizens do not give one, and <c>AccessLog:RequireReason=false</c> lifts it for staff.
/// </summary>
internal sealed class AccessReasonParameter : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ReadsPersonalDataMetadata>().FirstOrDefault() is not { } read)
            return Task.CompletedTask;
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => p.Name == "reason")) return Task.CompletedTask;
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "reason",
            In = ParameterLocation.Query,
            Required = false,
            Description = read.Sensitive
                ? "Why the member of staff opens this view, recorded in the access log. Required of staff (a 400 naming `reason` without one) unless the service runs with AccessLog:RequireReason=false."
                : "Why the member of staff reads this, recorded in the access log (optional).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. AccessReasons.All.Select(r => (JsonNode)JsonValue.Create(r))] },
        });
        return Task.CompletedTask;
    }
}
