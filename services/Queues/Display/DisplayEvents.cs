using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Omnichannel.Queues.Display;

/// <summary>
/// The display feed's events in the OpenAPI document: a <c>text/event-stream</c> whose items each have an
/// <c>event</c> name, an <c>id</c> (the day's stream version) and JSON <c>data</c> — a
/// <see cref="DisplayFeed.Snapshot"/> for <c>snapshot</c>, a <see cref="DisplayedCall"/> for <c>called</c>, a
/// <see cref="DisplayFeed.Waits"/> for <c>waits</c>.
/// </summary>
public static class DisplayEvents
{
    public const string Snapshot = "snapshot";
    public const string Called = "called";
    /// <summary>How long each line waits (<see cref="DisplayFeed.Waits"/>): after the snapshot, then at most every 3 s while the day moves; only with <c>?waits=true</c>.</summary>
    public const string Waits = "waits";

    public static RouteHandlerBuilder DescribesDisplayEvents(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var snapshot = await context.GetOrCreateSchemaAsync(typeof(DisplayFeed.Snapshot), null, ct);
            var called = await context.GetOrCreateSchemaAsync(typeof(DisplayedCall), null, ct);
            var waits = await context.GetOrCreateSchemaAsync(typeof(DisplayFeed.Waits), null, ct);
            var item = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "One server-sent event. Lines starting with ':' are keep-alive comments (every 15 s) and carry no event.",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["event"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(Snapshot), JsonValue.Create(Called), JsonValue.Create(Waits)] },
                    ["id"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "The day's stream version; every connection (a reconnection too) starts with a snapshot." },
                    ["data"] = new OpenApiSchema { OneOf = [snapshot, called, waits], Description = "JSON. For 'snapshot' (on connecting, and at midnight): the last calls and how many wait per line. For 'called': a ticket called to a desk. For 'waits' (only with ?waits=true): per line, how many wait and the expected minutes." },
                },
                Required = new HashSet<string> { "event", "id", "data" },
            };
            operation.Responses ??= new OpenApiResponses();
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "A stream of server-sent events for as long as the screen listens: a snapshot first, then each call.",
                Content = new Dictionary<string, OpenApiMediaType> { ["text/event-stream"] = new() { Schema = item } },
            };
        });
}
