namespace Omnichannel.Appointments.WaitingRoom.Watching;

/// <summary>Where a room stands: scheduled (before its opening), open, or sold out.</summary>
public enum RoomState
{
    Scheduled,
    Open,
    SoldOut,
}

/// <summary>One client (a token's subject: an app, a portal, a bot) in a room: how many places it took in line and how
/// many bookings it made, and its share of the room's bookings.</summary>
public sealed record ClientShare(string Client, long Positions, long Bookings, double Share);

/// <summary>A room live, for staff: the window, and everyone by where they stand.</summary>
public sealed record RoomView(
    string ProcedureCode,
    string? OfficeId,
    DateOnly FirstDay,
    DateOnly LastDay,
    DateTimeOffset OpensAt,
    RoomState State,
    int Places,
    int PlacesLeft,
    int AdmitAtOnce,
    int AdmissionSeconds,
    long Waiting,
    long Admitted,
    long Booked,
    long Left,
    long Refused,
    long ToldNoPlacesLeft,
    DateTimeOffset? SoldOutAt,
    int? AverageTurnSeconds,
    IReadOnlyList<ClientShare> Clients);

public static class WatchRoomEndpoint
{
    public static async Task<IResult> Handle(string procedureCode, WaitingRoomStore store, TimeProvider clock, CancellationToken ct)
    {
        var tenant = BuildingBlocks.Context.RequestContext.RequiredTenantId;
        var room = await store.RoomAsync(tenant, procedureCode, ct);
        if (room is null) return TypedResults.Problem($"No booking window was opened for '{procedureCode}'.", statusCode: StatusCodes.Status404NotFound, title: "No waiting room.");
        return TypedResults.Ok(await ViewAsync(store, tenant, room, clock.GetUtcNow(), ct));
    }

    internal static async Task<RoomView> ViewAsync(WaitingRoomStore store, string tenant, RoomRow room, DateTimeOffset now, CancellationToken ct)
    {
        var (byState, byClient) = await store.StatisticsAsync(tenant, room.ProcedureCode, room.Revision, ct);
        long Count(string state) => byState.GetValueOrDefault(state);
        var booked = Count("booked");
        var state = room.State == "sold-out" ? RoomState.SoldOut : now < room.OpensAt ? RoomState.Scheduled : RoomState.Open;
        return new RoomView(room.ProcedureCode, room.OfficeId, room.FirstDay, room.LastDay, room.OpensAt, state, room.Places, Math.Max(0, room.PlacesLeft),
            room.AdmitAtOnce, room.AdmissionSeconds, Count("waiting"), Count("admitted"), booked, Count("expired") + Count("left"), Count("refused"),
            Count("no-places-left"), room.SoldOutAt, room.TurnMs is { } ms ? (int)Math.Round(ms / 1000) : null,
            byClient.Select(c => new ClientShare(c.Client, c.Positions, c.Booked, booked == 0 ? 0 : Math.Round(c.Booked / (double)booked, 4))).ToList());
    }
}
