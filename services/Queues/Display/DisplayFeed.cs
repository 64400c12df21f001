using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.EventStore;

namespace Omnichannel.Queues.Display;

/// <summary>
/// The waiting-room screen's feed, as server-sent events. Reconnect-safe: every connection (a reconnection
/// too) first gets a <c>snapshot</c> — the last calls with their desks and how many wait per line — and then
/// one <c>called</c> event per call, in the order of the day's stream, with the stream version as event id.
/// Comments every 15 s keep proxies (the gateway's 30 s activity timeout) from closing an idle feed.
/// </summary>
public static class DisplayFeed
{
    public sealed record Snapshot(string OfficeId, DateOnly Day, IReadOnlyList<DisplayedCall> RecentCalls, IReadOnlyDictionary<string, int> Waiting);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static RouteHandlerBuilder MapDisplayFeed(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/queues/offices/{officeId}/display", Stream).WithName("DisplayFeed").WithTags("Display")
            .WithSummary("Server-sent events for the waiting-room screen: a snapshot first, then each call (ticket and desk) as it happens.")
            .RequireAuthorization(OmnichannelRoles.AnyClientPolicy)
            .DescribesDisplayEvents().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task Stream(string officeId, HttpContext http, IDocumentStore store, OfficeDays days, IOptions<JsonOptions> json)
    {
        var ct = http.RequestAborted;
        await using (var session = store.QueryTenantSession()) await days.OfficeAsync(session, officeId, ct);

        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var options = json.Value.SerializerOptions;

        DateOnly? day = null;
        long version = 0;
        var lastWrite = DateTimeOffset.UtcNow;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await using var session = store.QueryTenantSession();
                if (day != days.Today)
                {
                    // A new connection, or midnight: the screen starts from the day's state.
                    day = days.Today;
                    var (state, at) = await days.LoadAsync(session, officeId, day.Value, ct);
                    version = at;
                    var waiting = state.Waiting.ToDictionary(w => w.Key, w => w.Value.Count);
                    await Write(http, "snapshot", version, JsonSerializer.Serialize(new Snapshot(officeId, day.Value, state.RecentCalls, waiting), options), ct);
                    lastWrite = DateTimeOffset.UtcNow;
                }

                var events = await session.Events.FetchStreamAsync(OfficeDay.StreamKey(officeId, day.Value), fromVersion: version + 1, token: ct);
                foreach (var e in events)
                {
                    version = e.Version;
                    if (e.Data is TicketCalled called)
                    {
                        await Write(http, "called", version, JsonSerializer.Serialize(new DisplayedCall(called.Number, called.Line, called.DeskId, called.Call, called.At), options), ct);
                        lastWrite = DateTimeOffset.UtcNow;
                    }
                }

                if (DateTimeOffset.UtcNow - lastWrite > Heartbeat)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    lastWrite = DateTimeOffset.UtcNow;
                }
                await Task.Delay(Poll, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The screen went away.
        }
    }

    private static async Task Write(HttpContext http, string type, long id, string data, CancellationToken ct)
    {
        await http.Response.WriteAsync($"id: {id}\nevent: {type}\ndata: {data}\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
