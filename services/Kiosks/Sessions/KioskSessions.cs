using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Kiosks.Sessions;

/// <summary>How a citizen said who they are at the kiosk (the kiosk app reads the card or the mobile id and passes the
/// result: the citizen id the citizens service gave it); anonymous: nobody.</summary>
public enum Identification
{
    Anonymous,
    IdCard,
    IdCatMobil,
    Nfc,
}

/// <summary>What a citizen did at the kiosk (the seed's products: procedures, tickets, appointments, notifications,
/// payment receipts, printing).</summary>
public enum SessionAction
{
    ProcedureOpened,
    TicketTaken,
    AppointmentBooked,
    CaseSubmitted,
    NotificationDownloaded,
    PaymentReceiptScanned,
    PagePrinted,
}

public enum SessionEnding
{
    Explicit,
    IdleTimeout,
}

// One stream per kiosk ("kiosk-sessions:{kioskId}"): one session at a time, and no new one until the last one's
// wipe is acknowledged. No personal data beyond the citizen id the history needs; an action's reference is a code
// (procedure code, ticket number, appointment or tracking code), never what the citizen typed.
public sealed record SessionStarted([NotPersonal] string KioskId, [NotPersonal] string OfficeId, Guid SessionId, Identification Identification, Guid? CitizenId, DateTimeOffset At);
public sealed record SessionActionRecorded([NotPersonal] string KioskId, Guid SessionId, SessionAction Action, [NotPersonal] string? Reference, DateTimeOffset At);
/// <summary>A ticket or appointment issued for a session that was open when asked, recorded after the session ended
/// (idle timeout or an explicit end while queues or appointments answered): it belongs to that session's record and
/// usage, and the kiosk still prints it.</summary>
public sealed record LateSessionActionRecorded([NotPersonal] string KioskId, Guid SessionId, SessionAction Action, [NotPersonal] string? Reference, DateTimeOffset At);
/// <summary>The session is over; the kiosk must wipe everything of it (browser, downloads, print queue, scanner
/// buffers) and acknowledge <c>SessionId</c>'s wipe.</summary>
public sealed record SessionEnded([NotPersonal] string KioskId, [NotPersonal] string OfficeId, Guid SessionId, SessionEnding Ending, Identification Identification, Guid? CitizenId,
    DateTimeOffset StartedAt, int Actions, IReadOnlyList<SessionAction> Did, DateTimeOffset At, bool Assisted = false);
/// <summary>A member of staff joined the session as its assistant (on site beside the citizen, or remote by video).</summary>
public sealed record AssistantJoined([NotPersonal] string KioskId, Guid SessionId, [NotPersonal] string StaffId, Assistance.AssistanceMode Mode, DateTimeOffset At);
public sealed record WipeAcknowledged([NotPersonal] string KioskId, Guid SessionId, DateTimeOffset At);
/// <summary>The kiosk did not acknowledge a wipe in time: nothing of the last citizen may be shown to the next one, so
/// it starts no session until it acknowledges.</summary>
public sealed record KioskTakenOutOfService([NotPersonal] string KioskId, Guid SessionId, DateTimeOffset At);

public sealed record OpenSession(Guid SessionId, Identification Identification, Guid? CitizenId, DateTimeOffset StartedAt, DateTimeOffset LastActivityAt, IReadOnlyList<SessionAction> Did)
{
    /// <summary>Staff who joined as assistants (autonomous use: none).</summary>
    public IReadOnlyList<string> Assistants { get; init; } = [];
}

public sealed record PendingWipe(Guid SessionId, DateTimeOffset IssuedAt);

public sealed record SessionsState(string KioskId, OpenSession? Open, PendingWipe? Wipe, bool OutOfService, Guid? LastEnded = null)
{
    public static readonly SessionsState Initial = new("", null, null, false);

    public static string StreamKey(string kioskId) => $"kiosk-sessions:{kioskId}";

    public static SessionsState Evolve(SessionsState state, object @event) => @event switch
    {
        SessionStarted e => state with { KioskId = e.KioskId, Open = new OpenSession(e.SessionId, e.Identification, e.CitizenId, e.At, e.At, []) },
        SessionActionRecorded e when state.Open is { } open => state with { Open = open with { LastActivityAt = e.At, Did = [.. open.Did, e.Action] } },
        AssistantJoined e when state.Open is { } open => state with { Open = open with { LastActivityAt = e.At, Assistants = [.. open.Assistants, e.StaffId] } },
        SessionEnded e => state with { KioskId = e.KioskId, Open = null, Wipe = new PendingWipe(e.SessionId, e.At), LastEnded = e.SessionId },
        WipeAcknowledged => state with { Wipe = null, OutOfService = false },
        KioskTakenOutOfService => state with { OutOfService = true },
        _ => state,
    };
}

public sealed record StartSession(string KioskId, string OfficeId, Guid SessionId, Identification Identification, Guid? CitizenId, DateTimeOffset At);
/// <summary><c>IssuedWhileOpen</c>: a ticket or appointment already issued after the session was checked open (it
/// exists whatever happens here), so a session that ended meanwhile records it late rather than refusing it.</summary>
public sealed record RecordAction(string KioskId, Guid SessionId, SessionAction Action, string? Reference, DateTimeOffset At, bool IssuedWhileOpen = false);
public sealed record EndSession(string KioskId, string OfficeId, Guid SessionId, SessionEnding Ending, DateTimeOffset At);
public sealed record AcknowledgeWipe(string KioskId, Guid SessionId, DateTimeOffset At);
public sealed record JoinAsAssistant(string KioskId, Guid SessionId, string StaffId, Assistance.AssistanceMode Mode, DateTimeOffset At);

/// <summary>The private-session rules, pure.</summary>
public static class SessionDecisions
{
    public static IReadOnlyList<object> Decide(StartSession command, SessionsState state)
    {
        if (state.OutOfService)
            throw Rejection.Conflict("This kiosk is out of service: it did not acknowledge the last session's wipe. Wipe, acknowledge, then start again.");
        if (state.Wipe is not null)
            throw Rejection.Conflict("The last session's wipe is not acknowledged yet: acknowledge it before a new session starts.");
        if (state.Open is not null)
            throw Rejection.Conflict("A session is already open on this kiosk: end it first.");
        if (command.Identification == Identification.Anonymous && command.CitizenId is not null)
            throw Rejection.Invalid("identification", "An anonymous session names no citizen: say how the citizen was identified.");
        if (command.Identification != Identification.Anonymous && command.CitizenId is null)
            throw Rejection.Invalid("citizenId", "An identified session needs the citizen's id.");
        return [new SessionStarted(command.KioskId, command.OfficeId, command.SessionId, command.Identification, command.CitizenId, command.At)];
    }

    public static IReadOnlyList<object> Decide(RecordAction command, SessionsState state)
    {
        if (command.IssuedWhileOpen && state.Open?.SessionId != command.SessionId && state.LastEnded == command.SessionId)
            return [new LateSessionActionRecorded(command.KioskId, command.SessionId, command.Action, command.Reference, command.At)];
        var open = Current(state, command.SessionId);
        return [new SessionActionRecorded(command.KioskId, open.SessionId, command.Action, command.Reference, command.At)];
    }

    /// <summary>Ending an ended session again changes nothing (a retried request), as long as it was the last one.</summary>
    public static IReadOnlyList<object> Decide(EndSession command, SessionsState state)
    {
        if (state.Open is null && state.Wipe?.SessionId == command.SessionId) return [];
        var open = Current(state, command.SessionId);
        return [new SessionEnded(command.KioskId, command.OfficeId, open.SessionId, command.Ending, open.Identification, open.CitizenId,
            open.StartedAt, open.Did.Count, open.Did, command.At, open.Assistants.Count > 0)];
    }

    /// <summary>Joining again changes nothing; the session records who helped (assisted or autonomous use).</summary>
    public static IReadOnlyList<object> Decide(JoinAsAssistant command, SessionsState state)
    {
        var open = Current(state, command.SessionId);
        return open.Assistants.Contains(command.StaffId) ? [] : [new AssistantJoined(command.KioskId, open.SessionId, command.StaffId, command.Mode, command.At)];
    }

    public static IReadOnlyList<object> Decide(AcknowledgeWipe command, SessionsState state)
    {
        if (state.Wipe is null || state.Wipe.SessionId != command.SessionId)
            throw Rejection.Conflict("No wipe of that session is waiting for acknowledgement.");
        return [new WipeAcknowledged(command.KioskId, command.SessionId, command.At)];
    }

    /// <summary>The watcher at <paramref name="now"/>: an idle session ends (and its wipe is asked for); a wipe not
    /// acknowledged in time takes the kiosk out of service, once.</summary>
    public static IReadOnlyList<object> DecideTimeouts(SessionsState state, string officeId, DateTimeOffset now, TimeSpan idle, TimeSpan wipeAck)
    {
        if (state.Open is { } open && now - open.LastActivityAt >= idle)
            return Decide(new EndSession(state.KioskId, officeId, open.SessionId, SessionEnding.IdleTimeout, now), state);
        if (state.Wipe is { } wipe && !state.OutOfService && now - wipe.IssuedAt >= wipeAck)
            return [new KioskTakenOutOfService(state.KioskId, wipe.SessionId, now)];
        return [];
    }

    /// <summary>The open session a ticket or a booking is for (checked before asking queues or appointments, so
    /// nothing is issued for a session that is not open here).</summary>
    public static OpenSession Open(SessionsState state, Guid sessionId) => Current(state, sessionId);

    /// <summary>A booking is made in a citizen's name: only in an identified session.</summary>
    public static Guid CitizenToBookFor(SessionsState state, Guid sessionId) =>
        Current(state, sessionId).CitizenId
        ?? throw Rejection.Conflict("An appointment is booked in a citizen's name: identify the citizen (ID card, idCat Mòbil, NFC) in a new session first.");

    private static OpenSession Current(SessionsState state, Guid sessionId) =>
        state.Open is { } open && open.SessionId == sessionId
            ? open
            : throw Rejection.Conflict("That session is not the one open on this kiosk (it ended, or never started here).");
}
