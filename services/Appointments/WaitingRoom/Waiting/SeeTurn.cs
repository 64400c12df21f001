using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Omnichannel.Appointments.WaitingRoom.Admitting;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Appointments.WaitingRoom.Waiting;

/// <summary>
/// A client looks at its turn with its queue token, and gets a fresh token. With <c>wait</c> (seconds, at most 25) the
/// answer waits until the client's place changes — admitted, its turn lost, no places left — or the time is up (a long
/// poll: the order moving on another replica wakes it too, through PostgreSQL's NOTIFY).
/// </summary>
public static class SeeTurnEndpoint
{
    public const int MaxWaitSeconds = 25;

    public static async Task<IResult> Handle(string procedureCode, [FromHeader(Name = WaitingRoomGuard.TokenHeader)] string? token, int? wait, HttpContext http,
        WaitingRoomStore store, WaitingRoomSignals signals, Omnichannel.Appointments.Slots.SlotFinder finder, IOptions<WaitingRoomOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (wait is < 0 or > MaxWaitSeconds) throw Rejection.Invalid("wait", $"Wait at most {MaxWaitSeconds} seconds.");
        var tenant = RequestContext.RequiredTenantId;
        var waitUntil = WaitUntil(http, wait ?? 0, clock.GetUtcNow());
        var (ticket, refusal) = await ReadAsync(store, token, tenant, procedureCode, options.Value, clock, ct);
        if (ticket is null) return refusal!;
        using var waiter = wait > 0 ? signals.Register(tenant, procedureCode, ticket.Arrival) : null;
        // A long poll's first look decides only whether to wait: the position is counted when it answers.
        var (turn, entry) = await TurnOfAsync(store, tenant, ticket.EntryId, options.Value, clock, ct, position: waiter is null);
        if (waiter is not null) (turn, entry) = await WaitForChangeAsync(waiter, waitUntil, turn, entry, tenant, store, signals, options.Value, clock, ct);
        turn = await AdmittedSlots.WithSlotsAsync(turn, entry, finder, store, ct);
        return TypedResults.Ok(turn with { PollAfterSeconds = turn.PollAfterSeconds == 0 ? 0 : wait > 0 ? 0 : 1 });
    }

    /// <summary>When a long poll of <paramref name="seconds"/> must answer: that long after the gateway received the
    /// request (<see cref="Joining.JoinWaitingRoomEndpoint.ArrivedAtHeader"/>), not after this service got to it — a
    /// request that queued on a busy platform would otherwise wait its whole time on top, past the gateway's own limit
    /// (its 30 s <c>ActivityTimeout</c> answered such a long poll 504). Never later than <paramref name="seconds"/> from now.</summary>
    public static DateTimeOffset WaitUntil(HttpContext http, int seconds, DateTimeOffset now) =>
        WaitUntil(Joining.JoinWaitingRoomEndpoint.ArrivedAt(http, now), seconds, now);

    /// <summary>Pure: <paramref name="seconds"/> after <paramref name="arrivedAt"/>, at most <paramref name="seconds"/> after <paramref name="now"/>.</summary>
    public static DateTimeOffset WaitUntil(DateTimeOffset arrivedAt, int seconds, DateTimeOffset now) =>
        arrivedAt < now ? arrivedAt.AddSeconds(seconds) : now.AddSeconds(seconds);

    /// <summary>A waiting place's long poll: answers when the room wakes <paramref name="waiter"/> (its place may have changed:
    /// admitted, cut, refused, sold out) or at <paramref name="until"/>, with the place read again (its own row, and
    /// its position). A place not waiting is answered as it is. Sold out, and a place told there is none for it, are
    /// answered without a read (thousands at once).</summary>
    internal static async Task<(Turn Turn, EntryRow Entry)> WaitForChangeAsync(WaitingRoomSignals.Waiter waiter, DateTimeOffset until, Turn turn, EntryRow entry, string tenant,
        WaitingRoomStore store, WaitingRoomSignals signals, WaitingRoomOptions options, TimeProvider clock, CancellationToken ct)
    {
        if (turn.State != TurnState.Waiting) return (turn, entry);
        // The line moves by itself when due (a place settling, an unused turn ending), not only when someone looks.
        if (entry.Room is { IsOpen: true, NextCheckAt: { } due }) signals.StepAt(tenant, entry.Room.ProcedureCode, due);
        var woken = WaitingRoomSignals.Woken.Moved;
        try
        {
            var left = until - clock.GetUtcNow();
            woken = left > TimeSpan.Zero ? await waiter.Signal.Task.WaitAsync(left, clock, ct)
                : waiter.Signal.Task.IsCompleted ? waiter.Signal.Task.Result : throw new TimeoutException();
        }
        catch (TimeoutException)
        {
            // Time is up: the place as it is now, with its position.
        }
        return woken switch
        {
            WaitingRoomSignals.Woken.SoldOut => (Turns.Of(entry with { Room = entry.Room with { State = "sold-out", PlacesLeft = 0 } }, clock.GetUtcNow(), null, null), entry),
            WaitingRoomSignals.Woken.NoPlaceLeft => (Turns.Of(entry with { State = "no-places-left" }, clock.GetUtcNow(), null, null), entry with { State = "no-places-left" }),
            _ => await TurnOfAsync(store, tenant, entry.EntryId, options, clock, ct),
        };
    }

    /// <summary>The client leaves the line (or gives its turn back unused): the next one comes in.</summary>
    public static async Task<IResult> Leave(string procedureCode, [FromHeader(Name = WaitingRoomGuard.TokenHeader)] string? token,
        WaitingRoomStore store, IOptions<WaitingRoomOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var tenant = RequestContext.RequiredTenantId;
        var (ticket, refusal) = await ReadAsync(store, token, tenant, procedureCode, options.Value, clock, ct);
        if (ticket is null) return refusal!;
        await store.ReleaseAsync(ticket.EntryId, "left", clock.GetUtcNow(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<(QueueTicket?, IResult?)> ReadAsync(WaitingRoomStore store, string? token, string tenant, string procedureCode, WaitingRoomOptions options,
        TimeProvider clock, CancellationToken ct)
    {
        var room = await store.RoomAsync(tenant, procedureCode, ct);
        if (room is null) return (null, TypedResults.Problem($"No booking window was opened for '{procedureCode}'.", statusCode: StatusCodes.Status404NotFound, title: "No waiting room."));
        if (string.IsNullOrEmpty(token))
            return (null, TypedResults.Problem($"Send the queue token the waiting room gave in the '{WaitingRoomGuard.TokenHeader}' header.",
                statusCode: StatusCodes.Status403Forbidden, title: "No queue token.", extensions: new Dictionary<string, object?> { ["reason"] = "token-missing" }));
        var (ticket, refusal) = QueueToken.Read(token, options.KeyBytes(), tenant, procedureCode, clock.GetUtcNow());
        return ticket is null ? (null, WaitingRoomGuard.TokenRefused(refusal!, room).ToResult()) : (ticket, null);
    }

    /// <summary>The place as stored, after an admission step when one is due (an opening, an unused turn's end):
    /// whoever looks first moves the line.
    /// <paramref name="read"/>: the place as the join answered it — not stepped again here: a new place cannot be let in
    /// or cut by a step before it settles (nor, settled at once, ahead of those waiting before it, the join having stepped
    /// a line it heads), and the room's timer steps it when due; a crowd's joins each stepping a due line would only
    /// queue behind each other's steps.</summary>
    internal static async Task<(Turn Turn, EntryRow Entry)> TurnOfAsync(WaitingRoomStore store, string tenant, Guid entryId, WaitingRoomOptions options, TimeProvider clock, CancellationToken ct,
        EntryRow? read = null, bool position = true)
    {
        var now = clock.GetUtcNow();
        var entry = read ?? await store.EntryAsync(tenant, entryId, ct, position) ?? throw Rejection.NotFound("This place in the waiting room no longer exists.");
        if (read is null && entry.Room is { IsOpen: true, NextCheckAt: { } due } && due <= now && entry.Revision == entry.Room.Revision)
        {
            await store.PromoteAsync(tenant, entry.Room.ProcedureCode, now, ct);
            entry = await store.EntryAsync(tenant, entryId, ct, position) ?? entry;
        }
        var expires = now.AddSeconds(options.TokenSeconds);
        var token = QueueToken.Sign(new QueueTicket(entry.EntryId, tenant, entry.Room.ProcedureCode, entry.Arrival, expires), options.KeyBytes());
        return (Turns.Of(entry, now, token, expires), entry);
    }
}
