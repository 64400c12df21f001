using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.BuildingBlocks.Vocabulary;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.Kiosks.Health;

/// <summary>A peripheral's state as the kiosk reports it: the printer is ok, low on paper, out of paper or jammed;
/// everything else is ok or at fault.</summary>
public enum PeripheralState
{
    Ok,
    PaperLow,
    Out,
    Jammed,
    Fault,
}

/// <summary>NeverSeen until the first heartbeat; Offline when it missed heartbeats while its building was open.</summary>
public enum Connection
{
    NeverSeen,
    Online,
    Offline,
}

public sealed record PeripheralStatus(Peripheral Peripheral, PeripheralState State, DateTimeOffset Since);

// Stored in the kiosk's health stream ("kiosk-health:{id}"), one per change — never one per heartbeat.
public sealed record PeripheralStateChanged([NotPersonal] string KioskId, [NotPersonal] string OfficeId, Peripheral Peripheral, PeripheralState From, PeripheralState To, DateTimeOffset At);
public sealed record SoftwareVersionChanged([NotPersonal] string KioskId, [NotPersonal] string OfficeId, [NotPersonal] string From, [NotPersonal] string To, DateTimeOffset At);
public sealed record KioskWentOffline([NotPersonal] string KioskId, [NotPersonal] string OfficeId, DateTimeOffset LastSeenAt, DateTimeOffset At);
public sealed record KioskCameBackOnline([NotPersonal] string KioskId, [NotPersonal] string OfficeId, DateTimeOffset OfflineSince, DateTimeOffset At);

/// <summary>A heartbeat taken into account: it only moves the state (last seen, version, peripherals), never stored
/// as an event itself.</summary>
public sealed record HeartbeatTaken(DateTimeOffset SentAt, DateTimeOffset ReceivedAt, [NotPersonal] string SoftwareVersion, IReadOnlyDictionary<Peripheral, PeripheralState> Reported);

/// <summary>A kiosk's health, folded. Kept as a document (it moves with every heartbeat) beside the stream of its changes.</summary>
public sealed record KioskHealth(string KioskId, string OfficeId, IReadOnlyList<Peripheral> Profile, Connection Connection, DateTimeOffset? ConnectionSince,
    string SoftwareVersion, DateTimeOffset? SoftwareSince, DateTimeOffset? LastSentAt, DateTimeOffset? LastSeenAt, IReadOnlyList<PeripheralStatus> Peripherals)
{
    public static KioskHealth Initial(string kioskId, string officeId, IReadOnlyList<Peripheral> profile) =>
        new(kioskId, officeId, profile, Connection.NeverSeen, null, "", null, null, null, []);

    public static string StreamKey(string kioskId) => $"kiosk-health:{kioskId}";

    public PeripheralState StateOf(Peripheral peripheral) => Peripherals.FirstOrDefault(p => p.Peripheral == peripheral)?.State ?? PeripheralState.Ok;

    public static KioskHealth Evolve(KioskHealth health, object @event) => @event switch
    {
        HeartbeatTaken e => health with
        {
            LastSentAt = e.SentAt,
            LastSeenAt = e.ReceivedAt,
            SoftwareVersion = e.SoftwareVersion,
            SoftwareSince = health.SoftwareVersion == e.SoftwareVersion ? health.SoftwareSince : e.ReceivedAt,
            Connection = Connection.Online,
            ConnectionSince = health.Connection == Connection.Online ? health.ConnectionSince : e.ReceivedAt,
            Peripherals = [.. health.Profile.Select(p => Moved(health, p, e))],
        },
        KioskWentOffline e => health with { Connection = Connection.Offline, ConnectionSince = e.At },
        _ => health,
    };

    /// <summary>A peripheral's status keeps its "since" while its state does not change.</summary>
    private static PeripheralStatus Moved(KioskHealth health, Peripheral peripheral, HeartbeatTaken e)
    {
        var before = health.Peripherals.FirstOrDefault(s => s.Peripheral == peripheral);
        var state = e.Reported.TryGetValue(peripheral, out var reported) ? reported : before?.State ?? PeripheralState.Ok;
        return before is not null && before.State == state ? before : new PeripheralStatus(peripheral, state, e.ReceivedAt);
    }
}

public sealed record Heartbeat(string KioskId, DateTimeOffset SentAt, string SoftwareVersion, IReadOnlyDictionary<Peripheral, PeripheralState> Reported, DateTimeOffset ReceivedAt);

public static class HealthDecisions
{
    /// <summary>How far ahead of our clock a kiosk's clock may be before its heartbeat is refused as from the future.</summary>
    public static readonly TimeSpan FutureSkew = TimeSpan.FromSeconds(30);

    /// <summary>A heartbeat sent longer ago than this says nothing about now: ignored (the next live one will come).</summary>
    public static readonly TimeSpan TooOld = TimeSpan.FromMinutes(5);

    public static bool Allows(Peripheral peripheral, PeripheralState state) =>
        peripheral == Peripheral.Printer ? state is not PeripheralState.Fault : state is PeripheralState.Ok or PeripheralState.Fault;

    /// <summary>What a heartbeat changes: the events of the changes (none for a heartbeat like the last), then the
    /// <see cref="HeartbeatTaken"/> that moves the state. Empty when it is stale (older than one taken, or too old):
    /// a state never goes backwards.</summary>
    public static IReadOnlyList<object> Decide(Heartbeat beat, KioskHealth health)
    {
        if (beat.SentAt > beat.ReceivedAt + FutureSkew)
            throw Rejection.Invalid("sentAt", "This heartbeat is from the future: check the kiosk's clock.");
        foreach (var (peripheral, state) in beat.Reported)
        {
            if (!health.Profile.Contains(peripheral))
                throw Rejection.Invalid($"peripherals.{WireEnum.Name(peripheral)}", $"This kiosk was enrolled without a {WireEnum.Name(peripheral)}.");
            if (!Allows(peripheral, state))
                throw Rejection.Invalid($"peripherals.{WireEnum.Name(peripheral)}", $"A {WireEnum.Name(peripheral)} is not '{WireEnum.Name(state)}'.");
        }
        if (health.LastSentAt is { } last && beat.SentAt <= last) return [];
        if (beat.SentAt < beat.ReceivedAt - TooOld) return [];

        var events = new List<object>();
        if (health.Connection == Connection.Offline)
            events.Add(new KioskCameBackOnline(beat.KioskId, health.OfficeId, health.ConnectionSince ?? beat.ReceivedAt, beat.ReceivedAt));
        foreach (var (peripheral, state) in beat.Reported.OrderBy(r => r.Key))
            if (health.StateOf(peripheral) is var before && before != state)
                events.Add(new PeripheralStateChanged(beat.KioskId, health.OfficeId, peripheral, before, state, beat.ReceivedAt));
        if (health.SoftwareVersion != "" && health.SoftwareVersion != beat.SoftwareVersion)
            events.Add(new SoftwareVersionChanged(beat.KioskId, health.OfficeId, health.SoftwareVersion, beat.SoftwareVersion, beat.ReceivedAt));
        events.Add(new HeartbeatTaken(beat.SentAt, beat.ReceivedAt, beat.SoftwareVersion, beat.Reported));
        return events;
    }

    /// <summary>The watcher's question at <paramref name="now"/>: is an online kiosk overdue? Only while its building is
    /// open (its calendar's hours, not a holiday, not a day the directory closed it), and only counting today's open
    /// time since it was last seen — so nothing is raised at night, on a holiday, or at opening before the kiosk has
    /// had <paramref name="after"/> of open time to report.</summary>
    public static IReadOnlyList<object> DecideOffline(KioskHealth health, DateTimeOffset now, BusinessCalendar calendar, IReadOnlyCollection<DateOnly> closures, TimeSpan after)
    {
        if (health.Connection != Connection.Online || health.LastSeenAt is not { } lastSeen) return [];
        var today = calendar.LocalDate(now);
        if (closures.Contains(today) || !calendar.IsOpen(now)) return [];
        var midnight = today.ToDateTime(TimeOnly.MinValue);
        var startOfToday = new DateTimeOffset(midnight, calendar.TimeZone.GetUtcOffset(midnight));
        var from = lastSeen > startOfToday ? lastSeen : startOfToday;
        return calendar.WorkingTimeBetween(from, now) >= after ? [new KioskWentOffline(health.KioskId, health.OfficeId, lastSeen, now)] : [];
    }

}
