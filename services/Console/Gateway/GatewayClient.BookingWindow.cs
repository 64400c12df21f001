namespace Omnichannel.StaffConsole.Gateway;

// The booking windows' calls: open or schedule a procedure's window (the waiting room in front of its bookings), and
// watch its room live.
public sealed partial class GatewayClient
{
    /// <summary><paramref name="opensAt"/> null, or a missing day, is left to the API to name next to its field.</summary>
    public Task<ApiResult<BookingWindowRoom>> OpenBookingWindowAsync(string procedureCode, string? office, DateOnly? firstDay, DateOnly? lastDay,
        DateTimeOffset? opensAt, CancellationToken ct = default) =>
        SendAsync<BookingWindowRoom>(HttpMethod.Put, $"/api/appointments/waiting-rooms/{E(procedureCode)}",
            new { opensAt, firstDay, lastDay, officeId = string.IsNullOrWhiteSpace(office) ? null : office }, ct);

    /// <summary>The catalogue the other screens read, with the procedures out of season too: a campaign's window is
    /// opened before its season starts.</summary>
    public Task<ApiResult<ProcedurePage>> BookingWindowCatalogueAsync(CancellationToken ct = default) =>
        SendAsync<ProcedurePage>(HttpMethod.Get, "/api/procedures?pageSize=500&includeOutOfSeason=true", null, ct);

    public Task<ApiResult<BookingWindowRoom>> BookingWindowRoomAsync(string procedureCode, CancellationToken ct = default) =>
        SendAsync<BookingWindowRoom>(HttpMethod.Get, $"/api/appointments/waiting-rooms/{E(procedureCode)}", null, ct);
}

/// <summary>A room as the appointments service shows it to staff; <see cref="State"/> is scheduled, open or sold-out.</summary>
public sealed record BookingWindowRoom(string ProcedureCode, string? OfficeId, DateOnly FirstDay, DateOnly LastDay, DateTimeOffset OpensAt, string State,
    int Places, int PlacesLeft, int AdmitAtOnce, int AdmissionSeconds, long Waiting, long Admitted, long Booked, long Left, long Refused,
    long ToldNoPlacesLeft, DateTimeOffset? SoldOutAt, int? AverageTurnSeconds, List<BookingWindowClient> Clients);

/// <summary>One client (a token's subject: an app, a portal, a bot) and its share of the room's bookings.</summary>
public sealed record BookingWindowClient(string Client, long Positions, long Bookings, double Share);
