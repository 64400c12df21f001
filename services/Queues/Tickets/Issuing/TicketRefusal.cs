using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Omnichannel.Contracts;
using Omnichannel.Queues.AppointmentLine;

namespace Omnichannel.Queues.Tickets.Issuing;

/// <summary>
/// The 409 a kiosk gets instead of a walk-in ticket, described in the OpenAPI document: a problem with <c>reason</c>
/// and, by reason, the appointment slots offered instead or when the office opens again — what the kiosk shows. The
/// members are those <see cref="IssueTicketEndpoint"/> writes; a 409 from a concurrent change has only the problem's.
/// </summary>
public static class TicketRefusal
{
    /// <summary>The reasons the decision and the endpoint give (IssueTicket.cs, IssueTicketEndpoint.cs).</summary>
    public static readonly string[] Reasons = ["needs-appointment", "wait-too-long", "office-closed"];

    public static RouteHandlerBuilder DescribesTicketRefusal(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var slots = await context.GetOrCreateSchemaAsync(typeof(IReadOnlyList<AppointmentSlot>), null, ct);
            var messages = await context.GetOrCreateSchemaAsync(typeof(LocalizedText), null, ct);
            var refusal = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["reason"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String, Enum = Reasons.Select(r => (JsonNode)JsonValue.Create(r)).ToList(),
                        Description = "needs-appointment: the procedure is served by appointment; wait-too-long: the general line's wait is over the office's threshold; office-closed: the office is closed now.",
                    },
                    ["predictedWaitMinutes"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The predicted wait (wait-too-long; 0 for needs-appointment)." },
                    ["appointmentSlots"] = Nullable(slots, "The next free appointment slots at this office (needs-appointment, wait-too-long); null when the appointments service could not be asked."),
                    ["appointmentSlotsKnown"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Whether appointmentSlots could be read." },
                    ["officeId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The closed office (office-closed)." },
                    ["nextOpening"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date-time", Description = "When the office opens again, local time (office-closed); null if it never opens." },
                    ["messages"] = Nullable(messages, "The same in words for the kiosk, in Catalan, Spanish and English (office-closed)."),
                },
            };
            operation.Responses ??= new OpenApiResponses();
            operation.Responses["409"] = new OpenApiResponse
            {
                Description = "No walk-in ticket: the problem says why (reason) and offers appointment slots or the next opening instead.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchema { AllOf = [new OpenApiSchemaReference("ProblemDetails", context.Document), refusal] } },
                },
            };
        });

    private static OpenApiSchema Nullable(IOpenApiSchema schema, string description) =>
        new() { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, schema], Description = description };
}
