using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Context;

namespace Omnichannel.Appointments.WaitingRoom.Admitting;

/// <summary>An admission a search or a booking was let in with.</summary>
public sealed record Admission(Guid EntryId, RoomRow Room);

/// <summary>Why a search or booking was not let in: the problem to answer.</summary>
public sealed class NotAdmitted(int status, string reason, string title, string detail, RoomRow room) : Exception(detail)
{
    public IResult ToResult() => TypedResults.Problem(Message, statusCode: status, title: title, extensions: new Dictionary<string, object?>
    {
        ["reason"] = reason,
        ["waitingRoom"] = $"/api/appointments/waiting-rooms/{room.ProcedureCode}/entries",
        ["opensAt"] = room.OpensAt,
        ["messages"] = reason == "waiting-room"
            ? new Contracts.LocalizedText("Hi ha molta demanda: entra a la cua virtual per reservar.", "Hay mucha demanda: entra en la cola virtual para reservar.",
                "Demand is high: join the virtual waiting room to book.")
            : new Contracts.LocalizedText("Encara no és el teu torn.", "Todavía no es tu turno.", "It is not your turn yet."),
    });
}

/// <summary>
/// The waiting room in front of slot search and booking: while a procedure's booking window is open (its room is open)
/// a client's search or booking for the window's days is let in only with an admitted queue token
/// (header <c>Waiting-Room-Token</c>) — staff (a phone agent, the counter) are not queued. The rooms are read from the
/// database at most once a second per replica.
/// </summary>
public sealed class WaitingRoomGuard(WaitingRoomStore store, RoomCache cache, IOptions<WaitingRoomOptions> options, IBusinessCalendars calendars, TimeProvider clock)
{
    public const string TokenHeader = "Waiting-Room-Token";

    /// <summary>Null when the request needs no admission; throws <see cref="NotAdmitted"/> when it needs one it does not have.</summary>
    public async Task<Admission?> ForSearchAsync(HttpContext http, string procedureCode, string? officeId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var room = await GatingRoomAsync(http, procedureCode, ct);
        if (room is null) return null;
        var first = from ?? calendars.For("on-site").LocalDate(clock.GetUtcNow());
        var last = to ?? first.AddDays(6);
        if (last < room.FirstDay || first > room.LastDay || (officeId is not null && room.OfficeId is not null && officeId != room.OfficeId)) return null;
        var (admission, _) = await AdmittedAsync(http, room, ct);
        return admission;
    }

    public async Task<Admission?> ForBookingAsync(HttpContext http, Guid citizenId, string procedureCode, string officeId, DateTimeOffset startsAt, CancellationToken ct)
    {
        var room = await GatingRoomAsync(http, procedureCode, ct);
        if (room is null) return null;
        var day = calendars.For("on-site").LocalDate(startsAt);
        if (day < room.FirstDay || day > room.LastDay || (room.OfficeId is not null && officeId != room.OfficeId)) return null;
        var (admission, entry) = await AdmittedAsync(http, room, ct);
        if (entry.CitizenId != citizenId)
            throw new NotAdmitted(StatusCodes.Status403Forbidden, "token-invalid", "This turn is another citizen's.", "The queue token was given for another citizen.", room);
        return admission;
    }

    private async Task<RoomRow?> GatingRoomAsync(HttpContext http, string procedureCode, CancellationToken ct)
    {
        if (http.User.IsInRole(OmnichannelRoles.Staff)) return null;
        var room = await cache.GetAsync(RequestContext.RequiredTenantId, procedureCode, ct);
        return room is { IsOpen: true } ? room : null;
    }

    private async Task<(Admission, EntryRow)> AdmittedAsync(HttpContext http, RoomRow room, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var token = http.Request.Headers[TokenHeader].ToString();
        if (string.IsNullOrEmpty(token))
            throw new NotAdmitted(StatusCodes.Status409Conflict, "waiting-room", "Join the waiting room first.",
                $"Bookings for '{room.ProcedureCode}' from {room.FirstDay:yyyy-MM-dd} to {room.LastDay:yyyy-MM-dd} go through its waiting room: join it and come back with the token once admitted.", room);
        var (ticket, refusal) = QueueToken.Read(token, options.Value.KeyBytes(), RequestContext.RequiredTenantId, room.ProcedureCode, now);
        if (ticket is null) throw TokenRefused(refusal!, room);
        var entry = await store.EntryAsync(RequestContext.RequiredTenantId, ticket.EntryId, ct);
        if (entry is null) throw TokenRefused("token-invalid", room);
        if (entry.Revision != room.Revision || entry.State != "admitted" || entry.AdmittedUntil <= now)
            throw new NotAdmitted(StatusCodes.Status409Conflict, "not-admitted", "Not your turn.",
                "This queue token is not admitted now: look at the turn with it to see where it stands.", room);
        return (new Admission(entry.EntryId, room), entry);
    }

    public static NotAdmitted TokenRefused(string refusal, RoomRow room) => refusal == "token-expired"
        ? new NotAdmitted(StatusCodes.Status403Forbidden, refusal, "The queue token has expired.", "Show the latest token the waiting room gave; an older one is no longer accepted.", room)
        : new NotAdmitted(StatusCodes.Status403Forbidden, "token-invalid", "Not a valid queue token.", "The queue token was not given by this waiting room, or was altered.", room);
}

/// <summary>Each room as read at most a second ago, per replica: the guard runs on every search and booking.</summary>
public sealed class RoomCache(WaitingRoomStore store)
{
    private readonly ConcurrentDictionary<(string, string), (long At, Task<RoomRow?> Room)> rooms = new();

    public async Task<RoomRow?> GetAsync(string tenant, string procedureCode, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        var key = (tenant, procedureCode);
        if (rooms.TryGetValue(key, out var known) && now - known.At < 1000 && !known.Room.IsFaulted) return await known.Room.WaitAsync(ct);
        var read = store.RoomAsync(tenant, procedureCode, CancellationToken.None);
        rooms[key] = (now, read);
        return await read.WaitAsync(ct);
    }

    public void Forget(string tenant, string procedureCode) => rooms.TryRemove((tenant, procedureCode), out _);
}
