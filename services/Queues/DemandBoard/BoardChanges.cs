using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Queues.DemandBoard;

/// <summary>
/// The demand board's push, as server-sent events for staff: one <c>changed</c> event whenever the office's day moved
/// (a ticket issued, called, served or missed, a desk opened or closed), carrying only the day's stream version — the
/// board is read again with <c>GET …/board</c>. The display feed carries calls only, so it cannot keep a board current.
/// Changes within one poll (200 ms) are one event, so 50 desks calling at once make at most five events a second.
/// Every connection (a reconnection too) starts with a <c>changed</c> of the current version, so a screen that was
/// away reads the board once. Comments every 15 s keep the gateway (30 s activity timeout) from closing a quiet feed.
/// The council is the token's (the tenant session); no personal data is sent.
/// </summary>
public static class BoardChanges
{
    public const string Changed = "changed";

    /// <summary>The office's day moved: its date and the day's stream version (0 before anything happened that day).</summary>
    public sealed record BoardChanged(string OfficeId, DateOnly Day, long Version);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public static RouteHandlerBuilder MapBoardChanges(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/queues/offices/{officeId}/board/changes", Stream).WithName("DemandBoardChanges").WithTags("Demand board")
            .WithSummary("Server-sent events for the demand board (staff): 'changed' with the day's version whenever the office's day moves.")
            .RequireAuthorization(OmnichannelRoles.StaffPolicy)
            .DescribesBoardChanges().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task Stream(string officeId, HttpContext http, IDocumentStore store, OfficeDays days, IOptions<JsonOptions> json,
        IHostApplicationLifetime lifetime)
    {
        using var feed = new EventStream(http, lifetime);
        await using (var session = store.QueryTenantSession()) await days.OfficeAsync(session, officeId, feed.Ending);

        var options = json.Value.SerializerOptions;
        (DateOnly Day, long Version)? sent = null;
        await feed.RunAsync(Poll, async ct =>
        {
            var day = days.Today;
            long version;
            await using (var session = store.QueryTenantSession())
                version = (await session.Events.FetchStreamStateAsync(OfficeDay.StreamKey(officeId, day), ct))?.Version ?? 0;
            if (sent == (day, version)) return;
            sent = (day, version);
            await feed.SendAsync(Changed, version, JsonSerializer.Serialize(new BoardChanged(officeId, day, version), options));
        });
    }

    /// <summary>The feed in the OpenAPI document: a <c>text/event-stream</c> of <c>changed</c> items.</summary>
    private static RouteHandlerBuilder DescribesBoardChanges(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var changed = await context.GetOrCreateSchemaAsync(typeof(BoardChanged), null, ct);
            var item = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "One server-sent event. Lines starting with ':' are keep-alive comments (every 15 s) and carry no event.",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["event"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(Changed)] },
                    ["id"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "The day's stream version; every connection (a reconnection too) starts with the current one." },
                    ["data"] = changed,
                },
                Required = new HashSet<string> { "event", "id", "data" },
            };
            operation.Responses ??= new OpenApiResponses();
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "A stream of server-sent events for as long as the board listens: the current version first, then one per change.",
                Content = new Dictionary<string, OpenApiMediaType> { ["text/event-stream"] = new() { Schema = item } },
            };
        });
}
