using Omnichannel.Contracts;

namespace Omnichannel.Appointments.WaitingRoom;

/// <summary>Where a client stands in a waiting room.</summary>
public enum TurnState
{
    /// <summary>In line; <c>position</c> and <c>estimatedWaitSeconds</c> say how far.</summary>
    Waiting,
    /// <summary>Its turn: it may search and book (sending the token) until <c>admittedUntil</c>.</summary>
    Admitted,
    /// <summary>It took its place.</summary>
    Booked,
    /// <summary>Admitted but did not book in time: the turn went to the next.</summary>
    Expired,
    /// <summary>It left the line.</summary>
    Left,
    /// <summary>Taken out of the line: its client or device asked for more places than one family needs.</summary>
    Refused,
    /// <summary>Every place of the window is taken.</summary>
    NoPlacesLeft,
}

/// <summary>A client's turn, with a fresh token (null once there is nothing more to wait for). Once admitted, <c>slots</c>
/// are free times of the window, a different one first for each admitted client: it can book at once (one request)
/// instead of searching first, and a crowd admitted together does not all reach for the same time.</summary>
public sealed record Turn(
    TurnState State,
    string ProcedureCode,
    int? Position,
    int? EstimatedWaitSeconds,
    DateTimeOffset OpensAt,
    DateTimeOffset? AdmittedUntil,
    int PlacesLeft,
    string? Token,
    DateTimeOffset? TokenExpiresAt,
    int PollAfterSeconds,
    LocalizedText Messages,
    TurnAlternatives? Alternatives,
    IReadOnlyList<Omnichannel.Appointments.Slots.FreeSlot>? Slots = null);

/// <summary>What a citizen can do when there is no place left: where the waiting list and callbacks are asked for.</summary>
public sealed record TurnAlternatives(string Callback, DateOnly? NextDay);

public static class Turns
{
    /// <summary>What a client is told from its place as stored. Pure: the same row and instant give the same answer.</summary>
    public static Turn Of(EntryRow entry, DateTimeOffset now, string? token, DateTimeOffset? tokenExpiresAt)
    {
        var room = entry.Room;
        var state = entry.Revision != room.Revision ? TurnState.Left : entry.State switch
        {
            "waiting" when room.PlacesLeft <= 0 || room.State == "sold-out" => TurnState.NoPlacesLeft,
            "waiting" => TurnState.Waiting,
            "admitted" when room.State == "sold-out" => TurnState.NoPlacesLeft,
            "admitted" when entry.AdmittedUntil <= now => TurnState.Expired,
            "admitted" => TurnState.Admitted,
            "booked" => TurnState.Booked,
            "expired" => TurnState.Expired,
            "refused" => TurnState.Refused,
            "no-places-left" => TurnState.NoPlacesLeft,
            _ => TurnState.Left,
        };
        var waiting = state == TurnState.Waiting;
        var position = waiting ? (int)Math.Min(int.MaxValue, entry.Ahead + 1) : (int?)null;
        int? estimate = null;
        if (waiting)
        {
            // The room admits as many at once as there are places left (up to its cap); each admission serves one client
            // per turn, and a turn has lasted turnMs lately.
            var turnSeconds = (room.TurnMs ?? 5000) / 1000;
            var untilOpen = Math.Max(0, (room.OpensAt - now).TotalSeconds);
            var atOnce = Math.Max(1, Math.Min(room.AdmitAtOnce, room.PlacesLeft));
            estimate = (int)Math.Ceiling(untilOpen + (entry.Ahead / atOnce + 1) * turnSeconds);
        }
        var live = state is TurnState.Waiting or TurnState.Admitted;
        var alternatives = state == TurnState.NoPlacesLeft ? new TurnAlternatives("/api/appointments/callbacks", room.LastDay.AddDays(1)) : null;
        return new Turn(state, room.ProcedureCode, position, estimate, room.OpensAt, state == TurnState.Admitted ? entry.AdmittedUntil : null,
            Math.Max(0, room.PlacesLeft), live ? token : null, live ? tokenExpiresAt : null, live ? 1 : 0, Messages(state, position, estimate, entry.AdmittedUntil), alternatives);
    }

    public static LocalizedText Messages(TurnState state, int? position, int? estimate, DateTimeOffset? admittedUntil)
    {
        var minutes = estimate is { } s ? Math.Max(1, (int)Math.Ceiling(s / 60.0)) : 0;
        return state switch
        {
            TurnState.Waiting => new($"Ets a la cua, posició {position}. Espera estimada: {minutes} min. No tanquis aquesta pàgina.",
                $"Estás en la cola, posición {position}. Espera estimada: {minutes} min. No cierres esta página.",
                $"You are in line, position {position}. Estimated wait: {minutes} min. Keep this page open."),
            TurnState.Admitted => new("És el teu torn: tria una hora i reserva-la ara.", "Es tu turno: elige una hora y resérvala ahora.", "It is your turn: choose a time and book it now."),
            TurnState.Booked => new("Ja tens la cita reservada.", "Ya tienes la cita reservada.", "Your appointment is booked."),
            TurnState.Expired => new("El teu torn ha passat sense reserva; torna a entrar a la cua.", "Tu turno ha pasado sin reserva; vuelve a entrar en la cola.",
                "Your turn passed without a booking; join the line again."),
            TurnState.Left => new("Has sortit de la cua.", "Has salido de la cola.", "You left the line."),
            TurnState.Refused => new("Aquest dispositiu ha demanat massa places i ha sortit de la cua.", "Este dispositivo ha pedido demasiadas plazas y ha salido de la cola.",
                "This device asked for too many places and was taken out of the line."),
            _ => new("No queden places en aquesta convocatòria. Pots demanar que t'avisem si se n'allibera una, o que et truquem.",
                "No quedan plazas en esta convocatoria. Puedes pedir que te avisemos si se libera una, o que te llamemos.",
                "No places are left in this booking window. You can ask to be told when one frees up, or to be called back."),
        };
    }
}
