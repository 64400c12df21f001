using FluentValidation;
using Microsoft.Extensions.Options;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.WaitingRoom.Waiting;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Appointments.WaitingRoom.Joining;

/// <summary>A client joins a room for a citizen. <c>device</c> is what the front-end knows of the device (an app's
/// install id), if anything; <c>challenge</c> and <c>nonce</c> only where the council asks for a proof of work.</summary>
public sealed record JoinRequest(Guid? CitizenId, string? Device, string? Challenge, string? Nonce);

public sealed class JoinRequestValidator : AbstractValidator<JoinRequest>
{
    public JoinRequestValidator()
    {
        RuleFor(r => r.CitizenId).NotNull().NotEqual(Guid.Empty);
        RuleFor(r => r.Device).MaximumLength(200);
        RuleFor(r => r.Challenge).MaximumLength(400);
        RuleFor(r => r.Nonce).MaximumLength(100);
    }
}

/// <summary>The challenge a council's proof of work asks to solve (<c>bits</c> 0: none is asked).</summary>
public sealed record JoinChallenge(string Challenge, int Bits, DateTimeOffset ExpiresAt);

public static class JoinWaitingRoomEndpoint
{
    public static async Task<IResult> Handle(string procedureCode, JoinRequest request, int? wait, HttpContext http, WaitingRoomStore store, JoinLine line, CitizenCheck citizens,
        WaitingRoomSignals signals, Omnichannel.Appointments.Slots.SlotFinder finder, IOptions<WaitingRoomOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (wait is < 0 or > SeeTurnEndpoint.MaxWaitSeconds) throw Rejection.Invalid("wait", $"Wait at most {SeeTurnEndpoint.MaxWaitSeconds} seconds.");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var settings = options.Value;
        var tenant = RequestContext.RequiredTenantId;
        var now = clock.GetUtcNow();
        var citizenId = request.CitizenId!.Value;
        var arrivedAt = ArrivedAt(http, now);
        WaitingRoomTimings.Record("to handler", (now - arrivedAt).TotalMilliseconds);
        var client = http.User.FindFirst("sub")?.Value ?? "unknown";
        var device = string.IsNullOrWhiteSpace(request.Device) ? null : request.Device;
        // Until this join is in line, no one who reached the gateway after it is let in, nor a place of its client or
        // device from the second before it (see WaitingRoomStore.Arriving).
        using var arriving = store.Arriving(tenant, procedureCode, arrivedAt, client, device);
        if (ProofOfWork.Check(request.Challenge, request.Nonce, citizenId, tenant, procedureCode, settings.ProofOfWorkBitsFor(tenant), now, settings.KeyBytes()) is { } wrong)
            throw Rejection.Invalid(wrong.Field, wrong.Reason);
        // The citizen is looked up in this service's KnownCitizen by the join itself (no session, no round trip of its
        // own); one not heard of here is asked of the citizens directory (a 400 when unknown there too), then joins.
        var remembered = await citizens.RememberedAsync(citizenId);
        // Put in line with the room's other joins that reached this replica together (one statement, one commit: JoinLine).
        var (joined, outcome) = await line.JoinAsync(tenant, procedureCode,
            new JoinItem(Guid.NewGuid(), citizenId, client, device, arrivedAt, remembered, settings.PositionsFor(client)), ct);
        if (outcome == "unknown-citizen")
        {
            await citizens.EnsureExistsAsync(citizenId, knownHere: false, ct);
            (joined, outcome) = await line.JoinAsync(tenant, procedureCode,
                new JoinItem(Guid.NewGuid(), citizenId, client, device, arrivedAt, KnownCitizen: true, settings.PositionsFor(client)), ct);
        }
        else if (!remembered && outcome is "joined" or "again") await citizens.EnsureExistsAsync(citizenId, knownHere: true, ct);
        arriving.Dispose();
        switch (outcome)
        {
            case "no-room":
                return TypedResults.Problem($"No booking window is open for '{procedureCode}': search and book as usual.", statusCode: StatusCodes.Status404NotFound, title: "No waiting room.");
            case "too-many-positions" or "refused":
                return TypedResults.Problem("This client or device asked for more places in this room than one family needs; its places were given up.",
                    statusCode: StatusCodes.Status409Conflict, title: "Too many places for one client.",
                    extensions: new Dictionary<string, object?> { ["reason"] = "too-many-positions", ["messages"] = Turns.Messages(TurnState.Refused, null, null, null) });
            case "sold-out":
                return TypedResults.Problem($"Every place of the booking window for '{procedureCode}' is taken.", statusCode: StatusCodes.Status409Conflict, title: "No places left.",
                    extensions: new Dictionary<string, object?>
                    {
                        ["reason"] = "no-places-left", ["messages"] = Turns.Messages(TurnState.NoPlacesLeft, null, null, null),
                        ["alternatives"] = new TurnAlternatives("/api/appointments/callbacks", null),
                    });
        }
        var (turn, entry) = await SeeTurnEndpoint.TurnOfAsync(store, tenant, joined!.EntryId, settings, clock, ct, joined);
        // A new place is looked at again once it has settled: admitted, or told there is none for it.
        if (turn.State == TurnState.Waiting && entry.Room.IsOpen && (entry.Room.SettleMs > 0 ? arrivedAt.AddMilliseconds(entry.Room.SettleMs) : entry.Room.NextCheckAt) is { } due)
            signals.StepAt(tenant, procedureCode, due);
        // With wait, the join is also the first long poll: a crowd's place is decided (admitted, or none for it) a settling
        // second after it arrives, usually before its join is even answered, so the answer is the decision — the admitted
        // book straight away with the slots it brings, one request fewer than a join and then a look at the turn.
        if (wait > 0 && turn.State == TurnState.Waiting)
        {
            var waited = System.Diagnostics.Stopwatch.GetTimestamp();
            using var waiter = signals.Register(tenant, procedureCode, entry.Arrival);
            // Registered after the join: a step between the two is seen by reading the place again (its own row, no position).
            if (await store.EntryAsync(tenant, entry.EntryId, ct, position: false) is { } again)
                (turn, entry) = await SeeTurnEndpoint.TurnOfAsync(store, tenant, entry.EntryId, settings, clock, ct, again);
            WaitingRoomTimings.Record("read after join", waited);
            // As long as asked from when the gateway received the join (its queueing and putting in line included).
            (turn, entry) = await SeeTurnEndpoint.WaitForChangeAsync(waiter, SeeTurnEndpoint.WaitUntil(http, wait.Value, now), turn, entry, tenant, store, signals, settings, clock, ct);
            WaitingRoomTimings.Record("decided", waited);
        }
        var slotted = System.Diagnostics.Stopwatch.GetTimestamp();
        turn = await Admitting.AdmittedSlots.WithSlotsAsync(turn, entry, finder, store, ct);
        if (turn.State == TurnState.Admitted) WaitingRoomTimings.Record("slots", slotted);
        WaitingRoomTimings.Record("handler", started);
        WaitingRoomTimings.Record($"handler {turn.State}", started);
        return outcome == "joined"
            ? TypedResults.Created($"/api/appointments/waiting-rooms/{procedureCode}/turn", turn)
            : TypedResults.Ok(turn);
    }

    /// <summary>When the gateway received the request (<see cref="ArrivedAtHeader"/>, set by the gateway only: it drops
    /// a client's), so a crowd is ordered as it arrived rather than as this service got to each join; now when absent
    /// or not plausible (in the future, or over a minute old).</summary>
    public static DateTimeOffset ArrivedAt(HttpContext http, DateTimeOffset now) => ArrivedAt(http.Request.Headers[ArrivedAtHeader].ToString(), now);

    /// <summary>Unix milliseconds, with decimals to the microsecond (a crowd comes several to the millisecond).</summary>
    public static DateTimeOffset ArrivedAt(string? header, DateTimeOffset now)
    {
        if (!decimal.TryParse(header, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            || ms > 253_402_300_799_000m) return now;
        var at = DateTimeOffset.UnixEpoch.AddTicks((long)(ms * TimeSpan.TicksPerMillisecond));
        return at >= now.AddMinutes(-1) && at <= now.AddSeconds(5) ? at : now;
    }

    public const string ArrivedAtHeader = "Omnichannel-Arrived-At";

    public static IResult Challenge(string procedureCode, IOptions<WaitingRoomOptions> options, TimeProvider clock)
    {
        var tenant = RequestContext.RequiredTenantId;
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new JoinChallenge(ProofOfWork.Challenge(tenant, procedureCode, now, options.Value.KeyBytes()), options.Value.ProofOfWorkBitsFor(tenant),
            now + ProofOfWork.ChallengeLifetime));
    }
}
