using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.BuildingBlocks.Http;

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

    /// <summary>How long each line waits, for the screen: how many wait and the expected minutes for one issued now (null
    /// while no open desk serves the line).</summary>
    public sealed record LineWait(string Line, int Waiting, int? ExpectedMinutes);

    public sealed record Waits(IReadOnlyList<LineWait> Lines);

    /// <summary>Waits are sent after the snapshot and then at most this often, when the day's stream moved.</summary>
    private static readonly TimeSpan WaitsEvery = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public static RouteHandlerBuilder MapDisplayFeed(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/queues/offices/{officeId}/display", Stream).WithName("DisplayFeed").WithTags("Display")
            .WithSummary("Server-sent events for the waiting-room screen: a snapshot first, then each call (ticket and desk) as it happens.")
            .RequireAuthorization(OmnichannelRoles.DisplayOrClientPolicy)
            .DescribesDisplayEvents().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    /// <param name="waits">Also send <c>waits</c> events (how long each line waits); off unless asked, so screens that
    /// show only calls get only calls.</param>
    private static async Task Stream(string officeId, HttpContext http, IDocumentStore store, OfficeDays days, IOptions<JsonOptions> json,
        IHostApplicationLifetime lifetime, bool? waits)
    {
        using var feed = new EventStream(http, lifetime);
        // A waiting-room display (a device token, not staff) reads its own office's calls and no other's.
        if (http.User.IsInRole(OmnichannelRoles.Display) && !http.User.IsInRole(OmnichannelRoles.Staff)
            && !string.Equals(http.User.FindFirst(KioskClaims.Office)?.Value, officeId, StringComparison.Ordinal))
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not this display's office.",
                detail: "A display device reads only the display feed of the office it is enrolled at.").ExecuteAsync(http);
            return;
        }
        await using (var session = store.QueryTenantSession()) await days.OfficeAsync(session, officeId, feed.Ending);

        var options = json.Value.SerializerOptions;
        DateOnly? day = null;
        long version = 0;
        var waitsDue = waits == true;
        var lastWaits = DateTimeOffset.MinValue;
        await feed.RunAsync(Poll, async ct =>
        {
            await using var session = store.QueryTenantSession();
            if (day != days.Today)
            {
                // A new connection, or midnight: the screen starts from the day's state.
                day = days.Today;
                var (state, at) = await days.LoadAsync(session, officeId, day.Value, ct);
                version = at;
                var waiting = state.Waiting.ToDictionary(w => w.Key, w => w.Value.Count);
                await feed.SendAsync(DisplayEvents.Snapshot, version, JsonSerializer.Serialize(new Snapshot(officeId, day.Value, state.RecentCalls, waiting), options));
            }

            var events = await session.Events.FetchStreamAsync(OfficeDay.StreamKey(officeId, day.Value), fromVersion: version + 1, token: ct);
            foreach (var e in events)
            {
                version = e.Version;
                waitsDue = waits == true;
                if (e.Data is TicketCalled called)
                    await feed.SendAsync(DisplayEvents.Called, version, JsonSerializer.Serialize(new DisplayedCall(called.Number, called.Line, called.DeskId, called.Call, called.At), options));
            }

            if (waitsDue && DateTimeOffset.UtcNow - lastWaits >= WaitsEvery)
            {
                var (state, _) = await days.LoadAsync(session, officeId, day.Value, ct);
                await feed.SendAsync(DisplayEvents.Waits, version, JsonSerializer.Serialize(WaitsOf(state, days.Now), options));
                waitsDue = false;
                lastWaits = DateTimeOffset.UtcNow;
            }
        });
    }

    private static Waits WaitsOf(OfficeDay state, DateTimeOffset now) =>
        new([.. Lines.ServiceLines.All.Select(line =>
        {
            var estimate = WaitEstimates.WaitEstimator.For(state, line, null, now);
            return new LineWait(line, state.Waiting.GetValueOrDefault(line)?.Count ?? 0, estimate.ExpectedMinutes);
        })]);
}
